/**
 * Pulumi dynamic resources for ChatOps integrations on Alibaba Cloud OOS, Alibaba Cloud
 * Security Center and DingTalk.
 *
 * @packageDocumentation
 */
export {};

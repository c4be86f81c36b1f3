// The floor a perfect provider could reach in the engine benchmark: the engine's own time (the
// baseline program) plus the time the remote calls it cannot avoid take at the client's pace.
//
// The calls no provider can avoid, for the objects of declaredObjects():
//  - `up` from an empty remote: each object's create; an OOS Get per configuration (Create
//    does not return the webhook URL); one DescribeDingTalk page of 100 to learn the Ids
//    Security Center does not return; one access token for the DingTalk app.
//  - `preview --refresh` of unchanged objects: one ListChatConfigurations (every
//    configuration's UpdatedDate in one page); one DescribeDingTalk page of 100; one read per
//    robot and per group (neither API has a batch read); one access token.
// Each API operation is paced on its own (calls per second per operation), and the operations
// run side by side, so the remote part of the floor is the slowest operation's calls divided
// by the pace, not their sum.

const PAGE = 100;

/** Unavoidable calls per `family:action` for one run. */
export function unavoidableCalls(declared, run) {
  const configs = declared.chatConfigurations.length;
  const notifications = declared.notifications.length;
  const robots = declared.robotPlugins.length;
  const groups = declared.groups.length;
  const pages = Math.ceil(notifications / PAGE);
  const token = robots + groups > 0 ? { 'dingtalk-tokens:oauth2/accessToken': 1 } : {};
  if (run === 'up') {
    return {
      'oos:CreateChatConfiguration': configs,
      'oos:GetChatConfiguration': configs,
      'security-center:CreateOrUpdateDingTalk': notifications,
      'security-center:DescribeDingTalk': pages,
      'robot-plugins:robot/plugins/set': robots,
      'group-chats:chat/create': groups,
      ...token,
    };
  }
  return {
    'oos:ListChatConfigurations': configs > 0 ? 1 : 0,
    'security-center:DescribeDingTalk': pages,
    'robot-plugins:robot/plugins/query': robots,
    'group-chats:chat/get': groups,
    ...token,
  };
}

/** The floor's wall time in ms: the baseline plus the slowest operation's calls at `pace`. */
export function floorMs(baselineMs, calls, pacePerSecond) {
  const slowest = Math.max(0, ...Object.values(calls));
  return baselineMs + (slowest / pacePerSecond) * 1000;
}

import { z } from 'zod';

/**
 * The `adopt` input every resource accepts. `pulumi import` cannot reach dynamic resources
 * (pulumi/pulumi#16175), so taking over an existing remote object is the provider's job:
 * with `adopt: true`, `create` manages an object of the same identity instead of failing.
 * It only matters at create time, so `diff` never compares it.
 */
export const adoptSchema = z.boolean().default(false);

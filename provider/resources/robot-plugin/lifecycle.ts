/**
 * The lifecycle of a `RobotPlugin`: the whole ordered list of quick entries of one
 * single-chat robot, through `robot/plugins/set`, `query` and `clear`
 * (https://open.dingtalk.com/document/orgapp/set-the-single-chat-robot-plugin). The id is
 * the robot code; the plugin list is the one thing it manages.
 */
import type { RobotPluginEntry } from '../../clients/dingtalk/robot-plugins';
import { AlreadyExists, isChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';
import { defineLifecycle } from '../../lifecycle/define';
import { explainPluginLimit } from './plugin-limit';
import {
  robotPluginDiffSpec,
  robotPluginInputSchema,
  type RobotPluginOutputs as Outputs,
} from './schema';
import { type RobotPluginItem, canonicalPlugins, pluginsFromWire, pluginsToWire } from './wire';

function outputs(robotCode: string, plugins: RobotPluginItem[], adopt: unknown): Outputs {
  return { robotCode, plugins, adopt: adopt === true };
}

function sameWire(a: readonly RobotPluginEntry[], b: readonly RobotPluginEntry[]): boolean {
  return JSON.stringify(canonicalPlugins(a)) === JSON.stringify(canonicalPlugins(b));
}

/** `set` replaces the whole list; an empty list is a `clear`. */
async function applyPlugins(
  ctx: LifecycleContext,
  robotCode: string,
  plugins: RobotPluginItem[],
): Promise<void> {
  const client = ctx.clients().robotPlugins;
  if (plugins.length === 0) {
    await client.clearPlugins(robotCode);
    return;
  }
  try {
    await client.setPlugins(robotCode, pluginsToWire(plugins));
  } catch (error) {
    throw explainPluginLimit(error, robotCode, plugins.length);
  }
}

export const robotPluginLifecycle = defineLifecycle({
  schema: robotPluginInputSchema,
  diffSpec: robotPluginDiffSpec,
  credentialSet: 'app',

  async create(inputs, ctx) {
    const { robotCode, plugins } = inputs;
    // One query tells whether the robot exists and whether it already has plugins, which
    // belong to someone else unless the program asked to adopt them. Exactly the declared
    // list is what an earlier `set` of this resource leaves when its answer was lost or its
    // run was killed before saving it (docs/recovery.md): taking it over changes nothing.
    const live = await ctx.clients().robotPlugins.queryPlugins(robotCode);
    const identical = sameWire(live, pluginsToWire(plugins));
    if (live.length > 0 && !identical && !inputs.adopt) {
      throw new AlreadyExists('The plugin list of robot', robotCode);
    }
    // `set` is idempotent, so a retried create converges; an identical list needs no call.
    if (!identical) {
      await applyPlugins(ctx, robotCode, plugins);
    }
    return { id: robotCode, outs: outputs(robotCode, plugins, inputs.adopt) };
  },

  async read(id, props, ctx) {
    let live: RobotPluginEntry[];
    try {
      live = await ctx.clients().robotPlugins.queryPlugins(id);
    } catch (error) {
      // The robot itself is gone: so is its plugin list.
      if (isChatOpsError(error, 'NOT_FOUND')) return {};
      throw error;
    }
    const declared = Array.isArray(props.plugins) ? props.plugins : [];
    const plugins = pluginsFromWire(live, declared);
    const outs = outputs(id, plugins, props.adopt);
    return { id, props: outs, inputs: { ...outs } };
  },

  async update(id, _olds, news, ctx) {
    await applyPlugins(ctx, id, news.plugins);
    return { outs: outputs(id, news.plugins, news.adopt) };
  },

  async delete(id, _props, ctx) {
    try {
      await ctx.clients().robotPlugins.clearPlugins(id);
    } catch (error) {
      if (isChatOpsError(error, 'NOT_FOUND')) return;
      throw error;
    }
  },
});

import { describeCheckAtScale } from './check-at-scale';
import { robotPluginModel } from './robot-plugin-inputs';

describeCheckAtScale(robotPluginModel);

import { describeCheckAtScale } from './check-at-scale';
import { chatConfigurationModel } from './chat-configuration-inputs';

describeCheckAtScale(chatConfigurationModel);

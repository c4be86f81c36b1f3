import { describeCheckAtScale } from './check-at-scale';
import { dingTalkGroupModel } from './dingtalk-group-inputs';

describeCheckAtScale(dingTalkGroupModel);

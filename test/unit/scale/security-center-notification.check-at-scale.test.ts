import { describeCheckAtScale } from './check-at-scale';
import { securityCenterNotificationModel } from './security-center-notification-inputs';

describeCheckAtScale(securityCenterNotificationModel);

export { createAlertActivities, type AlertActivities, type AlertDeps } from './alerts';
export { createMailActivities, type MailActivities, type MailDeps } from './mail';

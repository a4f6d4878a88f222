export { createAlertActivities, type AlertActivities, type AlertDeps } from './alerts';

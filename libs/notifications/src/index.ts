export * from './notifications.module.js';
export * from './persistence/notifications-persistence.js';
export { DeliveryCounts, type DeliveryCount } from './deliveries/delivery-counts.service.js';
export { webhookSignature } from './senders/webhook.sender.js';
export { seedDefaultChannels } from './channels/default-channels.js';
export { sitesWithoutPanicReach } from './reach/panic-reach.js';
export { DeliveryRetention } from './deliveries/delivery-retention.service.js';
export { PlanningBackstop } from './deliveries/planning-backstop.service.js';

export * from './notifications.module.js';
export * from './persistence/notifications-persistence.js';
export { DeliveryCounts, type DeliveryCount } from './deliveries/delivery-counts.service.js';
export { webhookSignature } from './senders/webhook.sender.js';

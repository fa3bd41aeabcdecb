import { Global, Module } from '@nestjs/common';
import { PanicReach } from '#tracking';
import { CqrsModule } from '@nestjs/cqrs';
import { ChannelRepository } from './channels/channel.repository.js';
import { ChannelTargets } from './channels/channel-targets.js';
import { ChannelsController } from './channels/channels.controller.js';
import { ChannelsService } from './channels/channels.service.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { DeliveryCounts } from './deliveries/delivery-counts.service.js';
import { DeliveryDispatcher } from './deliveries/delivery-dispatcher.service.js';
import { DeliveryPoller } from './deliveries/delivery-poller.service.js';
import { DeliveryRetention } from './deliveries/delivery-retention.service.js';
import { DeliveryRepository } from './deliveries/delivery.repository.js';
import { NotificationPlanner } from './deliveries/notification-planner.service.js';
import { PlanningBackstop } from './deliveries/planning-backstop.service.js';
import { DeviceRepository } from './devices/device.repository.js';
import { DevicesController } from './devices/devices.controller.js';
import { PanicReachOfChannels } from './reach/panic-reach.adapter.js';
import { NotifyWhenSafetyEvent } from './event-handlers/notify-when-safety-event.handler.js';
import { EmailSender } from './senders/email.sender.js';
import { FcmSender } from './senders/fcm.sender.js';
import { WebhookSender } from './senders/webhook.sender.js';
import { WebPushSender } from './senders/webpush.sender.js';

/**
 * Notifications outside the socket (docs/protocol.md section 10): channels, devices, deliveries.
 * Global so that tracking gets its PanicReach port without importing this library, which reacts
 * to tracking's events.
 */
@Global()
@Module({
  imports: [CqrsModule],
  controllers: [ChannelsController, DevicesController, DeliveriesController],
  providers: [
    ChannelRepository,
    ChannelTargets,
    ChannelsService,
    DeviceRepository,
    DeliveryRepository,
    DeliveryCounts,
    DeliveryDispatcher,
    DeliveryPoller,
    DeliveryRetention,
    NotificationPlanner,
    PlanningBackstop,
    NotifyWhenSafetyEvent,
    WebhookSender,
    EmailSender,
    WebPushSender,
    FcmSender,
    { provide: PanicReach, useClass: PanicReachOfChannels },
  ],
  exports: [DeliveryCounts, PanicReach],
})
export class NotificationsModule {}

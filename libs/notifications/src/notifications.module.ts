import { Module } from '@nestjs/common';
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
import { NotifyWhenSafetyEvent } from './event-handlers/notify-when-safety-event.handler.js';
import { EmailSender } from './senders/email.sender.js';
import { FcmSender } from './senders/fcm.sender.js';
import { WebhookSender } from './senders/webhook.sender.js';
import { WebPushSender } from './senders/webpush.sender.js';

/** Notifications outside the socket (docs/protocol.md section 10): channels, devices, deliveries. */
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
  ],
  exports: [DeliveryCounts],
})
export class NotificationsModule {}

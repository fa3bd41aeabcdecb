import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PanicStatus, PanicType } from '../domain/panic.js';

export interface PanicLocation {
  lat: number;
  lng: number;
  accuracy?: number;
}

@Entity('panics')
export class PanicEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ name: 'guard_id', type: 'uuid' }) guardId: string;
  @Column({ type: 'text' }) type: PanicType;
  @Column({ type: 'text' }) status: PanicStatus;
  @Column({ type: 'jsonb' }) location: PanicLocation;
  @Column({ name: 'battery_level', type: 'smallint', nullable: true }) batteryLevel: number | null;
  @Column({ type: 'text', nullable: true }) message: string | null;
  @Column({ name: 'patrol_run_id', type: 'uuid', nullable: true }) patrolRunId: string | null;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true }) acknowledgedBy: string | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true }) resolvedBy: string | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ name: 'escalation_level', type: 'smallint' }) escalationLevel: number;
  @Column({ name: 'confirmed_by', type: 'jsonb' }) confirmedBy: string[];
  @Column({ name: 'backup_notified', type: 'jsonb' }) backupNotified: string[];
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

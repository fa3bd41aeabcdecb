import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentPriority, IncidentStatus, IncidentType } from '../domain/incident.js';

export interface IncidentLocation {
  lat: number;
  lng: number;
  accuracy?: number;
}

@Entity('incidents')
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ type: 'text' }) type: IncidentType;
  @Column({ type: 'text' }) priority: IncidentPriority;
  @Column({ type: 'text' }) status: IncidentStatus;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'jsonb', nullable: true }) location: IncidentLocation | null;
  @Column({ name: 'reporter_id', type: 'uuid' }) reporterId: string;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true }) resolvedBy: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy: string | null;
}

@Entity('incident_history')
export class IncidentHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'incident_id', type: 'uuid' }) incidentId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_name', type: 'text' }) actorName: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'jsonb' }) changes: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) note: string | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LatLng } from '#core';

@Entity('checkpoints')
export class CheckpointEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ type: 'text' }) name: string;
  /** What the QR/NFC tag carries; unique per site. */
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'jsonb' }) location: LatLng;
  @Column({ name: 'radius_m', type: 'integer' }) radiusM: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

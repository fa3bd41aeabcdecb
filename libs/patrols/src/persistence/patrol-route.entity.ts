import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('patrol_routes')
export class PatrolRouteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ type: 'text' }) name: string;
  /** The checkpoints in the order a guard walks them. */
  @Column({ name: 'checkpoint_ids', type: 'uuid', array: true }) checkpointIds: string[];
  @Column({ name: 'expected_duration_minutes', type: 'integer' }) expectedDurationMinutes: number;
  @Column({ name: 'max_gap_minutes', type: 'integer' }) maxGapMinutes: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('site_assignments')
export class SiteAssignmentEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ name: 'site_id', type: 'uuid' }) siteId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

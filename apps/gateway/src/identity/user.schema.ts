import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ROLES, type Role } from '@pipeline/auth';

/** A person who signs in: roles, scope (committee communities, officer's squad) and a scrypt password hash. */
@Schema({ collection: 'users', versionKey: false })
export class User {
  /** The login name. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  name: string;

  @Prop({ type: [String], enum: ROLES, required: true })
  roles: Role[];

  @Prop({ type: [String], default: undefined })
  communities?: string[];

  @Prop({ type: String, default: undefined })
  squadId?: string;

  @Prop({ type: String, required: true })
  passwordHash: string;

  @Prop({ type: Boolean, default: false })
  disabled: boolean;

  /** Seeded for development with a public password; production never has such users. */
  @Prop({ type: Boolean, default: false })
  development: boolean;

  @Prop({ type: Date, required: true })
  createdAt: Date;

  @Prop({ type: Date, default: null })
  lastLoginAt: Date | null;
}

export const UserSchema = SchemaFactory.createForClass(User);

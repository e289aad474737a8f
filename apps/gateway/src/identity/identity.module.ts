import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdentityController } from './identity.controller';
import { IDENTITY_OPTIONS, IdentityService, type IdentityOptions } from './identity.service';
import { User, UserSchema } from './user.schema';

/** Sign-in for everyone who uses the system: users, their roles and scope, and access tokens. */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      imports: [MongooseModule.forFeature([{ name: User.name, schema: UserSchema }])],
      controllers: [IdentityController],
      providers: [{ provide: IDENTITY_OPTIONS, useValue: options }, IdentityService],
    };
  }
}

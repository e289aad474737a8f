import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import type { NextFunction, Request, Response } from 'express';
import { ComplaintModule } from '../complaint/complaint.module';
import { Open311ClientsController } from './open311-clients.controller';
import { Open311ClientRepository } from './open311-client.repository';
import { Open311Client, Open311ClientSchema } from './open311-client.schema';
import { Open311ClientsService } from './open311-clients.service';
import { sendOpen311Errors } from './open311-error.filter';
import { Open311Controller, Open311FallbackController } from './open311.controller';
import { Open311Service } from './open311.service';

@Module({
  imports: [ComplaintModule, MongooseModule.forFeature([{ name: Open311Client.name, schema: Open311ClientSchema }])],
  // the fallback comes last: its catch-all path must not shadow the real routes
  controllers: [Open311Controller, Open311ClientsController, Open311FallbackController],
  providers: [Open311Service, Open311ClientsService, Open311ClientRepository],
})
export class Open311Module implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Body-parser failures (malformed JSON, a body over the limit) happen
   * before routing, so no controller filter sees them; Nest's own handler
   * would answer in our usual body. Nest installs that handler after the
   * init hooks, so this one, added here, comes first for /open311 paths.
   */
  onModuleInit(): void {
    this.adapterHost.httpAdapter?.use('/open311', (err: unknown, req: Request, res: Response, _next: NextFunction) => sendOpen311Errors(err, req, res));
  }
}

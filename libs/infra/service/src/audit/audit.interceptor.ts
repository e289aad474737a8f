import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, catchError, concatMap, from, map, throwError } from 'rxjs';
import { PUBLIC_KEY } from '@pipeline/auth';
import { DomainError, STATUS_BY_KIND } from '@pipeline/contracts';
import type { AuthenticatedRequest } from '@pipeline/http';
import { ChangeCapture } from '@pipeline/mongo';
import { AuditTrail } from './audit-trail';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records every change a person makes: each POST, PUT, PATCH or DELETE by an
 * authenticated caller, whether it succeeded or was refused, with the input
 * the documents it touched as they were before, and the answer (the resource
 * after the change).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = req.user;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (!CHANGING.has(req.method) || !user || isPublic) return next.handle();
    const capture = new ChangeCapture();
    const record = (status: number, after: unknown) =>
      this.trail.record({
        actor: user, action: `${req.method} ${req.route?.path ?? req.path}`, path: req.path, params: { ...req.params }, input: req.body ?? null, status,
        before: capture.close(), after,
        correlationId: (req.headers['x-correlation-id'] as string | undefined) ?? null,
      });
    // the entry is written before the answer leaves: a change the caller saw succeed is always audited
    // the handler runs inside the capture, so each of its writes records the document's prior state
    const handled = new Observable<unknown>((subscriber) => capture.run(() => next.handle().subscribe(subscriber)));
    return handled.pipe(
      concatMap((body) => from(record(this.successStatus(context, req.method), body)).pipe(map(() => body))),
      catchError((err: unknown) =>
        from(
          record(err instanceof DomainError ? STATUS_BY_KIND[err.kind] : ((err as { status?: number }).status ?? 500), {
            error: err instanceof DomainError ? err.code : String((err as Error)?.message ?? err),
          }),
        ).pipe(concatMap(() => throwError(() => err))),
      ),
    );
  }

  /** The status Nest will answer with: the handler's @HttpCode, else 201 for POST and 200 otherwise. */
  private successStatus(context: ExecutionContext, method: string): number {
    return this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (method === 'POST' ? 201 : 200);
  }
}

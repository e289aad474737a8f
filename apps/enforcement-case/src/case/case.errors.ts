import { DomainError } from '@pipeline/http';
import type { FieldError } from '@pipeline/contracts';
import type { TransitionRefusal } from './procedure/case-state-machine';

/** Every refusal the case service answers with, each code and message written once. */
export const caseErrors = {
  notFound: (caseId: string) => DomainError.notFound('CASE_NOT_FOUND', `案件 ${caseId} 不存在`),
  notInSquad: (caseId: string, squadId: string | null | undefined) =>
    DomainError.forbidden('CASE_NOT_IN_SQUAD', `案件 ${caseId} 不属于您所在的中队${squadId ? `（${squadId}）` : ''}，不能办理`),
  squadNotFound: (squadId: string) => DomainError.invalid('SQUAD_NOT_FOUND', '请求参数有误', [{ field: 'squadId', messages: [`中队 ${squadId} 不存在`] }]),
  deadlineNotRunning: (deadline: string, state: string) => DomainError.rule('DEADLINE_NOT_RUNNING', `该案件当前没有进行中的「${deadline}」期限`, { state }),
  extensionRefused: (code: string, message: string) => DomainError.rule(code, message),
  reassignmentRefused: (errors: FieldError[]) => DomainError.rule('REASSIGNMENT_REFUSED', errors.map((e) => e.messages.join('；')).join('；'), { errors }),
  /** An illegal step answers 409 naming the allowed ones; a broken rule 422, with the field at fault. */
  transitionRefused: (r: TransitionRefusal, state: string) => {
    const details = { allowed: r.allowed, state };
    if (r.kind === 'illegal_transition') return DomainError.conflict(r.code, r.message, details);
    return new DomainError('rule', r.code, r.message, r.field ? [{ field: r.field, messages: [r.message] }] : undefined, details);
  },
};

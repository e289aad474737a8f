import type { ApiDocumentInfo } from '@pipeline/http';

/** The gateway's own endpoints (sign-in, users, its audit log), one part of the merged document. */
export const GATEWAY_DOCUMENT: ApiDocumentInfo = { title: 'gateway', description: '' };

/** The whole public API: every service's document merged (docs/openapi.controller.ts, `npm run api:types`). */
export const MERGED_DOCUMENT_INFO = {
  title: '青岛市城市管理局 诉转案系统 API',
  description: '投诉受理、分类、诉转案与执法案件、物业服务评价的公开接口（经统一入口访问）。',
  version: '1',
};

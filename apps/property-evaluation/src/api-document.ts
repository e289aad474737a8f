import type { ApiDocumentInfo } from '@pipeline/http';

/** The service's OpenAPI document: served at /api/docs, merged by the gateway and by `npm run api:types`. */
export const API_DOCUMENT: ApiDocumentInfo = {
  title: '物业服务质量评价服务',
  description: '按小区、按季度汇总投诉，支撑物业服务“六方评价”',
};

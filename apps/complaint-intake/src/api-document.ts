import type { ApiDocumentInfo } from '@pipeline/http';

/** The service's OpenAPI document: served at /api/docs, merged by the gateway and by `npm run api:types`. */
export const API_DOCUMENT: ApiDocumentInfo = {
  title: '投诉受理服务',
  description: '12345 热线等渠道的投诉受理、查询与回访',
};

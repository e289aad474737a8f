import type { ApiDocumentInfo } from '@pipeline/http';

/** The service's OpenAPI document: served at /api/docs, merged by the gateway and by `npm run api:types`. */
export const API_DOCUMENT: ApiDocumentInfo = {
  title: '投诉分类服务',
  description: '投诉的类别、可立案性、紧急程度与位置研判',
};

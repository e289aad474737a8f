import type { ApiDocumentInfo } from '@pipeline/http';

/** The service's OpenAPI document: served at /api/docs, merged by the gateway and by `npm run api:types`. */
export const API_DOCUMENT: ApiDocumentInfo = {
  title: '执法案件服务',
  description: '诉转案判定、案件办理与诉转案率统计',
};

/** The services' one error shape (libs/infra/http error-body). */
export interface ApiErrorBody {
  statusCode: number;
  code?: string;
  message?: string | string[];
  errors?: { field: string; messages: string[] }[];
  details?: unknown;
  correlationId?: string;
}

export type FieldPath = (string | number)[];

/** "caller.phone" → ['caller','phone']; "indicators[2].score" → ['indicators',2,'score']. */
export function fieldPath(field: string): FieldPath {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Splits an API error into messages for the form's own fields (shown next to
 * the field, through antd's Form.setFields) and the rest, shown above the form.
 * A field the form does not have (say "caller" when only "caller.phone" is a
 * field) is matched to its nearest shown descendant or ancestor, if any.
 * `renames` maps a body field to the form's name for it (penalty.fineFen → fineYuan).
 */
export function mapApiErrors(
  body: ApiErrorBody | null | undefined,
  formFields: string[],
  renames: Record<string, string> = {},
): { fields: { name: FieldPath; errors: string[] }[]; general: string[] } {
  const errors = body?.errors?.map((e) => ({ ...e, field: renames[e.field] ?? e.field }));
  const fields = new Map<string, string[]>();
  const general: string[] = [];
  for (const e of errors ?? []) {
    const target = formFields.find((f) => f === e.field) ?? formFields.find((f) => e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`)) ?? formFields.find((f) => f.startsWith(`${e.field}.`));
    if (target) fields.set(target, [...(fields.get(target) ?? []), ...e.messages]);
    else general.push(...e.messages.map((m) => (m.startsWith(e.field) ? m : `${e.field}：${m}`)));
  }
  if (!errors?.length) general.push(errorMessage(body));
  return { fields: [...fields].map(([name, errors]) => ({ name: fieldPath(name), errors })), general };
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求参数有误',
  401: '登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到',
  409: '当前状态不允许此操作',
  413: '提交内容过大',
  422: '不符合办理规则',
  429: '操作过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后重试',
};

/** The one line to show for an error: the service's own message, else one by status. */
export function errorMessage(body: ApiErrorBody | null | undefined): string {
  if (!body) return '网络错误，请检查网络后重试';
  const m = Array.isArray(body.message) ? body.message.join('；') : body.message;
  return m || STATUS_MESSAGES[body.statusCode] || `请求失败（${body.statusCode}）`;
}

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../api/client';
import { mapApiErrors, type FieldPath } from '../lib/form-errors';

/**
 * A form's request as a react-query mutation. While it runs `busy` is set; a
 * refusal puts each field's messages beside the field and the rest in
 * `general` (shown above the form); a success reloads every screen under the
 * `invalidates` keys, then calls `onSuccess`. `reset` clears the refusal
 * (a modal reused for another request).
 */
export function useFormMutation<TValues, TAnswer>(options: {
  form: FormInstance;
  /** The form's fields that an API error may name. */
  fields: string[];
  /** A body field → the form's name for it. */
  renames?: Record<string, string>;
  send: (values: TValues) => Promise<TAnswer>;
  invalidates: readonly QueryKey[];
  onSuccess?: (answer: TAnswer, values: TValues) => void;
  /** Field messages the error body does not carry (a 409 that is one field's problem). */
  moreFieldErrors?: (e: ApiError) => { name: FieldPath; errors: string[] }[];
}) {
  const { form, fields, renames, send, invalidates, onSuccess, moreFieldErrors } = options;
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onMutate: () => setGeneral(null),
    onSuccess: (answer, values) => {
      for (const queryKey of invalidates) void queryClient.invalidateQueries({ queryKey });
      onSuccess?.(answer, values);
    },
    onError: (e) => {
      const mapped = mapApiErrors(e.body, fields, renames);
      mapped.fields.push(...(moreFieldErrors?.(e) ?? []));
      form.setFields(mapped.fields as never);
      setGeneral(mapped.fields.length ? null : mapped.general.join('；'));
    },
  });
  const reset = () => {
    mutation.reset();
    setGeneral(null);
  };
  return { submit: mutation.mutate, busy: mutation.isPending, general, reset };
}

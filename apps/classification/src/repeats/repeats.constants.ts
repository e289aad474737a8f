/** Injection token of the repeat linker's options (Partial<RepeatLinkerOptions>; the defaults fill the rest). */
export const REPEAT_LINKER_OPTIONS = Symbol('REPEAT_LINKER_OPTIONS');

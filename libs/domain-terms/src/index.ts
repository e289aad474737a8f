/**
 * The domain's names and rules that the services and the browser console
 * share: plain TypeScript only (no decorators, no Node APIs, no packages), so
 * Vite bundles it as readily as webpack does. Its tsconfig loads no Node
 * types and the lint constraints forbid any import, to keep it that way.
 */
export * from './case-states';
export * from './phone';
export * from './roles';

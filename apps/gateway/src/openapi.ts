// Built beside main.js as openapi.js: prints the gateway's own OpenAPI document without starting it (npm run api:types).
import { validateEnv } from '@pipeline/config';
import { printApiDocument } from '@pipeline/http';
import { GATEWAY_DOCUMENT } from './api-document';
import { AppModule } from './app.module';
import { GatewayEnv } from './gateway.env';

// the defaults, not this machine's environment: the document must not depend on where it is built
void printApiDocument(AppModule.forRoot(validateEnv(GatewayEnv, {})), GATEWAY_DOCUMENT);

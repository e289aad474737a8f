// Built beside main.js as openapi.js: prints the service's OpenAPI document without starting it (npm run api:types).
import { validateEnv } from '@pipeline/config';
import { printApiDocument } from '@pipeline/http';
import { API_DOCUMENT } from './api-document';
import { AppModule } from './app.module';
import { ClassificationEnv } from './classification.env';

// the defaults, not this machine's environment: the document must not depend on where it is built
void printApiDocument(AppModule.forRoot(validateEnv(ClassificationEnv, {})), API_DOCUMENT);

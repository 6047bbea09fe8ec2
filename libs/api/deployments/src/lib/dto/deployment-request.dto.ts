import { createZodDto } from 'nestjs-zod';
import { deploymentRequestSchema } from '../deployment-input';

/** `POST /api/deployments`: the provider, application, plan, region, image, label and fields. */
export class DeploymentRequestDto extends createZodDto(deploymentRequestSchema) {}

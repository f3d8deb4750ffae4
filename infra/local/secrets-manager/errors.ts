import { ProtocolError } from '../stepfunctions/service-error';

/** Error codes Secrets Manager answers with (the `__type` of a JSON 1.1 error body). */
export type SecretsManagerErrorCode =
  | 'InvalidNextTokenException'
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'ResourceExistsException'
  | 'ResourceNotFoundException'
  | 'ValidationException';

/** A Secrets Manager client error: HTTP 400 `{"__type": code, "Message": ...}`. */
export class SecretsManagerError extends ProtocolError {
  constructor(
    override readonly code: SecretsManagerErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

export function secretNotFound(): SecretsManagerError {
  return new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

/** What AWS answers for a name (or a SecretId that is not an ARN) outside its character set. */
export function invalidName(): SecretsManagerError {
  return new SecretsManagerError(
    'ValidationException',
    'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
  );
}

/** Error codes Step Functions answers with (the `__type` of a JSON 1.0 error body). */
export type ServiceErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'SerializationException'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'UnknownOperationException'
  | 'ValidationException';

/** A client error the protocol layer turns into HTTP 400 `{"__type": code, "message": ...}`. */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export function validationError(detail: string): ServiceError {
  return new ServiceError('ValidationException', `1 validation error detected: ${detail}`);
}

/** Error codes Step Functions answers with (the `__type` of a JSON 1.0 error body). */
export type ServiceErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'ResourceNotFound'
  | 'SerializationException'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'UnknownOperationException'
  | 'ValidationException';

/**
 * A client error of any AWS JSON-protocol service: the protocol layer turns it into HTTP 400
 * `{"__type": code, "message": ...}`. Each service narrows `code` to its own error codes.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** A Step Functions client error. */
export class ServiceError extends ProtocolError {
  constructor(
    override readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

export function validationError(detail: string): ServiceError {
  return new ServiceError('ValidationException', `1 validation error detected: ${detail}`);
}

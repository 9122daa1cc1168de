/** One invalid field of a request, as API.md's error body lists it. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[];
  requestId?: string;
}

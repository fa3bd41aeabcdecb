import { registerDecorator } from 'class-validator';

export const MAX_FUTURE_MS = 2 * 60_000;
export const MAX_AGE_MS = 24 * 3600_000;

/**
 * Device time of a field action (offline phones queue commands): an ISO-8601 timestamp no more
 * than 2 minutes in the future and no older than 24 hours. Returns a reason, or null when fine.
 */
export function deviceTimeProblem(value: unknown, now = Date.now()): string | null {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
  )
    return 'recordedAt must be an ISO-8601 timestamp with a time zone';
  const t = Date.parse(value);
  if (Number.isNaN(t)) return 'recordedAt is not a valid date';
  if (t > now + MAX_FUTURE_MS) return 'recordedAt is more than 2 minutes in the future';
  if (t < now - MAX_AGE_MS) return 'recordedAt is older than 24 hours';
  return null;
}

/** DTO decorator for `recordedAt`. */
export function IsDeviceTime(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDeviceTime',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => deviceTimeProblem(value) === null,
        defaultMessage: (args) => deviceTimeProblem(args?.value) ?? 'invalid recordedAt',
      },
    });
}

/** The time an action happened: the device's when given and valid, else the server's. */
export const actionTime = (recordedAt: string | undefined, received = new Date()): Date =>
  recordedAt ? new Date(recordedAt) : received;

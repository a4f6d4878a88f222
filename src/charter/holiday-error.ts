/** Holiday data that cannot be used: a malformed file, or a year outside the calendar's range. */
export class HolidayDataError extends Error {}

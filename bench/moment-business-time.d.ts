// moment-business-time ships no types: declare the two methods the benchmark uses.
import 'moment';

declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: 'minutes' | 'hours'): Moment;
    workingDiff(other: Moment, unit: 'minutes' | 'hours'): number;
  }
}

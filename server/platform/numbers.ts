/** Credits and hours are kept to one decimal place (half credits); sums of floats are rounded back to it. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;

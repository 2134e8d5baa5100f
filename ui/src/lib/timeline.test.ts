import { describe, expect, it } from "vitest";
import { dateRangeTerm, fillBuckets, nextPeriod } from "./timeline";

describe("timeline periods", () => {
  it("steps periods", () => {
    expect(nextPeriod("2022-12", "month")).toBe("2023-01");
    expect(nextPeriod("2022-02-28", "day")).toBe("2022-03-01");
    expect(nextPeriod("2022-03-14", "week")).toBe("2022-03-21");
    expect(nextPeriod("1999", "year")).toBe("2000");
  });

  it("fills empty periods with zero", () => {
    expect(fillBuckets([["2022-01", 2], ["2022-04", 1]], "month")).toEqual([
      ["2022-01", 2],
      ["2022-02", 0],
      ["2022-03", 0],
      ["2022-04", 1],
    ]);
  });

  it("turns a brushed range into a date filter", () => {
    expect(dateRangeTerm("2022-05", "2022-03", "month")).toBe("date:2022-03..2022-05");
    expect(dateRangeTerm("2022-03-14", "2022-03-14", "week")).toBe("date:2022-03-14..2022-03-20");
    expect(dateRangeTerm("2022", "2022", "year")).toBe("date:2022");
  });
});

import { describe, expect, it } from "vitest";
import { citation, webUrl } from "./citation";

const article = {
  title: "Переговори в Женеві: делегації обмінялися проєктами документів",
  source: "pravda.com.ua",
  published_at: "2022-03-15T23:20:00Z",
  url: "https://www.pravda.com.ua/news/2022/03/15/geneva/",
};

describe("citation", () => {
  it("is Title. Source, date. URL", () => {
    expect(citation(article)).toBe(
      "Переговори в Женеві: делегації обмінялися проєктами документів. pravda.com.ua, 2022-03-15. https://www.pravda.com.ua/news/2022/03/15/geneva/",
    );
  });

  it("leaves out what the article lacks, with its punctuation", () => {
    expect(citation({ ...article, source: null })).toBe(
      "Переговори в Женеві: делегації обмінялися проєктами документів. 2022-03-15. https://www.pravda.com.ua/news/2022/03/15/geneva/",
    );
    expect(citation({ ...article, published_at: null, url: null })).toBe(
      "Переговори в Женеві: делегації обмінялися проєктами документів. pravda.com.ua.",
    );
    expect(citation({ ...article, title: "Хто переміг?", published_at: "2022" })).toBe(
      "Хто переміг? pravda.com.ua, 2022. https://www.pravda.com.ua/news/2022/03/15/geneva/",
    );
  });

  it("drops invisible and direction-control characters that would reorder the report", () => {
    expect(citation({ ...article, title: "Заява \u202Eпро мир\u202C  і Лав\u200Bров", url: null })).toBe(
      "Заява про мир і Лавров. pravda.com.ua, 2022-03-15.",
    );
  });
});

describe("webUrl", () => {
  it("accepts http and https links only", () => {
    expect(webUrl("https://lenta.ru/news/1/")).toBe("https://lenta.ru/news/1/");
    expect(webUrl(" http://example.com ")).toBe("http://example.com/");
    for (const bad of ["file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "lenta.ru/news", "", null]) {
      expect(webUrl(bad)).toBeNull();
    }
  });
});

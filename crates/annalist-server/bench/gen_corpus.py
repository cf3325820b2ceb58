#!/usr/bin/env python3
"""Writes N generated news articles as JSONL (title, date, url, text) for the load benchmark.

Each article reports a dated event between 1900 and 2025 with casualty and deployment
figures, in sentences written for this benchmark. Deterministic for a given N and seed.
"""
import json
import random
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PLACES = ["Baku", "Tbilisi", "Yerevan", "Vilnius", "Riga", "Dushanbe", "Almaty", "Osh",
          "Sumgait", "Stepanakert", "Kishinev", "Tallinn", "Minsk", "Kyiv", "Grozny"]
HOSTS = ["news.example.net", "daily.example.org", "wire.example.com", "herald.example.info"]


def article(i, rng):
    year = rng.randint(1900, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    place = rng.choice(PLACES)
    killed = rng.randint(2, 400)
    troops = rng.choice([500, 1200, 5000, 11000, 20000])
    pub_year = min(2026, year + rng.randint(0, 30))
    text = (
        f"Report {i} from {place}.\n\n"
        f"On {MONTHS[month - 1]} {day}, {year}, clashes broke out in the centre of {place}. "
        f"Officials said {killed} people were killed and {killed * 3} were injured. "
        f"The next day more than {troops:,} troops were brought into the city.\n\n"
        f"In {year + 1} a commission reviewed the events, and by {MONTHS[(month + 2) % 12]} of that "
        f"year {rng.randint(10, 90)} people had been arrested."
    )
    return {
        "title": f"{place}: report {i}",
        "date": f"{pub_year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "url": f"https://{rng.choice(HOSTS)}/{year}/{i}",
        "text": text,
    }


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(article(i, rng)) + "\n")


if __name__ == "__main__":
    main()

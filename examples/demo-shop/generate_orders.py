#!/usr/bin/env python3
"""Generate examples/demo-shop/orders.json for the fictional shop "Nordlicht Goods".

Deterministic (fixed seed). Run from anywhere:

    python examples/demo-shop/generate_orders.py

The data is invented for this project. A set of "pinned" orders is defined by
hand because conversations.jsonl tells stories about them (a parcel stuck at
customs, a cancellation two hours after ordering, ...); the rest is random but
consistent with the shop policies (processing cut-off 14:00 German time, no
shipping at weekends, transit times per region, carriers per region).

Order ids are assigned in order of `placed_at`, so changing the pinned orders
or the seed changes the ids used in conversations.jsonl: re-check the
conversations after any change (the validation in the README does that).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path

SEED = 20261122
NOW = dt.datetime(2026, 11, 22, 23, 0, tzinfo=dt.timezone.utc)
START = dt.datetime(2026, 8, 1, 6, 0, tzinfo=dt.timezone.utc)
OUT = Path(__file__).with_name("orders.json")

# --------------------------------------------------------------------------
# Catalogue: sku -> (name, EUR price, flags)
# flags: personalised, hygiene, gift_card, final_sale, eu_only
# --------------------------------------------------------------------------
CATALOGUE = {
    "KET-STL-17": ("Stainless steel electric kettle 1.7 L", 49.90, ""),
    "KET-GOO-10": ("Gooseneck pour-over kettle with temperature control 1.0 L", 89.00, ""),
    "COF-POV-SET": ("Glass pour-over coffee set (dripper, 600 ml carafe, 40 filters)", 39.90, ""),
    "COF-FIL-100": ("Paper coffee filters size 02, 100 pcs", 5.90, ""),
    "COF-GRN-MAN": ("Manual ceramic burr coffee grinder", 44.90, ""),
    "COF-ESP-CUP2": ("Double-walled espresso cups, set of 2", 19.90, ""),
    "PAN-CI-26": ("Cast-iron skillet 26 cm, pre-seasoned", 59.90, ""),
    "PAN-CI-DO28": ("Enamelled cast-iron Dutch oven 28 cm, 4.7 L", 129.00, ""),
    "PAN-NS-28": ("Non-stick frying pan 28 cm, induction-ready", 34.90, ""),
    "KNF-CHEF-20": ("Chef's knife 20 cm, Damascus steel", 79.90, ""),
    "KNF-SANT-17": ("Santoku knife 17 cm", 64.90, ""),
    "KNF-WHET-1000": ("Whetstone 1000/6000 grit with bamboo base", 29.90, ""),
    "BRD-OAK-ENG": ("Engraved oak cutting board (personalised)", 54.90, "personalised"),
    "BRD-WAL-L": ("Walnut end-grain cutting board, large", 89.00, ""),
    "TXT-WOOL-BL": ("Merino wool blanket 130 x 180 cm", 119.00, ""),
    "TXT-LIN-TT": ("Linen tea towels, set of 3", 24.90, ""),
    "TXT-LIN-MONO": ("Monogrammed linen napkins, set of 4 (personalised)", 39.90, "personalised"),
    "LMP-LED-DESK": ("LED desk lamp with dimmer and USB-C port", 69.90, ""),
    "LMP-LED-CLIP": ("Rechargeable LED clip lamp", 29.90, ""),
    "CHG-USBC-65": ("USB-C GaN charger 65 W with EU/UK/US plugs", 39.90, ""),
    "CHG-CBL-2M": ("Braided USB-C to USB-C cable 2 m", 12.90, ""),
    "SPK-BT-MINI": ("Portable Bluetooth speaker, waterproof IPX7", 59.90, ""),
    "SPK-BT-HOME": ("Bluetooth home speaker with oak housing", 149.00, ""),
    "AUD-EARBUD": ("True wireless in-ear earbuds", 79.00, "hygiene"),
    "WTR-FLT-JUG": ("Water filter jug 2.4 L", 27.90, ""),
    "WTR-FLT-CART3": ("Water filter cartridges, pack of 3", 19.90, "hygiene"),
    "TEA-CI-POT08": ("Cast-iron teapot 0.8 L", 49.90, ""),
    "TEA-INF-SS": ("Stainless steel tea infuser", 8.90, ""),
    "BKW-MAT-SIL": ("Silicone baking mats, set of 2", 16.90, ""),
    "BKW-TIN-LOAF": ("Carbon-steel loaf tin 30 cm", 18.90, ""),
    "STO-JAR-SET4": ("Glass storage jars with bamboo lids, set of 4", 34.90, ""),
    "STO-LUNCH-SS": ("Stainless steel lunch box, 2 tiers", 29.90, ""),
    "SCL-KIT-DIG": ("Digital kitchen scale 5 kg", 24.90, ""),
    "MLK-FROTH": ("Electric milk frother", 34.90, ""),
    "TST-2SL-BR": ("2-slice toaster, brushed steel", 69.90, ""),
    "THM-BOT-05": ("Insulated bottle 0.5 L", 24.90, ""),
    "CND-SOY-NORD": ("Scented soy candle 'Nordlicht' 200 g", 19.90, ""),
    "CLK-WD-QI": ("Wooden alarm clock with wireless charging pad", 44.90, ""),
    "PLG-SMART-EU": ("Smart plug with energy monitor (EU socket)", 19.90, "eu_only"),
    "GFT-CARD-50": ("Gift card EUR 50", 50.00, "gift_card eu_only"),
    "OUT-MUG-STN": ("Stoneware mug, outlet (final sale)", 9.90, "final_sale"),
}

# Popularity weights (kitchen basics sell more than Dutch ovens).
WEIGHTS = {
    "COF-POV-SET": 6, "COF-FIL-100": 5, "KET-STL-17": 6, "PAN-CI-26": 5, "KNF-CHEF-20": 5,
    "LMP-LED-DESK": 5, "CHG-USBC-65": 6, "CHG-CBL-2M": 5, "SPK-BT-MINI": 5, "TXT-WOOL-BL": 4,
    "BRD-OAK-ENG": 3, "WTR-FLT-CART3": 3, "OUT-MUG-STN": 2, "GFT-CARD-50": 1, "PAN-CI-DO28": 2,
}

REGIONS = {
    # country: (region, currency, tz offset h, shipping sku)
    "DE": ("EU", "EUR", 1, "SHIP-DE"), "FR": ("EU", "EUR", 1, "SHIP-EU"),
    "ES": ("EU", "EUR", 1, "SHIP-EU"), "IT": ("EU", "EUR", 1, "SHIP-EU"),
    "PT": ("EU", "EUR", 0, "SHIP-EU"), "GB": ("UK", "EUR", 0, "SHIP-UK"),
    "US": ("US", "USD", -5, "SHIP-US"), "JP": ("JP", "JPY", 9, "SHIP-JP"),
    "CN": ("CN", "EUR", 8, "SHIP-CN"), "BR": ("BR", "EUR", -3, "SHIP-BR"),
}
SHIPPING = {
    "SHIP-DE": ("Standard shipping Germany (DHL)", 4.90),
    "SHIP-EU": ("Standard shipping EU (DHL)", 7.90),
    "SHIP-UK": ("Standard shipping United Kingdom (UPS, duties paid)", 9.90),
    "SHIP-US": ("Standard shipping United States (UPS, duties paid)", 14.90),  # USD
    "SHIP-JP": ("Standard shipping Japan (Japan Post, duties not included)", 2400),  # JPY
    "SHIP-CN": ("Standard shipping China (China Post, duties not included)", 19.90),
    "SHIP-BR": ("Standard shipping Brazil (Correios, duties not included)", 24.90),
    "SHIP-EXP": ("Express shipping EU/UK (DHL Express)", 14.90),
}
TRANSIT = {"EU": (2, 4), "UK": (3, 5), "US": (5, 8), "JP": (6, 10), "CN": (7, 12), "BR": (10, 20)}
CARRIER = {"EU": "DHL", "UK": "UPS", "US": "UPS", "JP": "Japan Post", "CN": "China Post", "BR": "Correios"}
FREE_SHIPPING_EU = 49.00


def price_in(sku: str, currency: str) -> float:
    eur = CATALOGUE[sku][1]
    if currency == "EUR":
        return eur
    if currency == "USD":
        return round(round(eur * 1.1) - 0.01, 2)
    if currency == "JPY":
        return float(math.ceil(eur * 165 / 100) * 100 - 20)
    raise ValueError(currency)


# --------------------------------------------------------------------------
# Customers: key -> (name, country, email local part, email domain)
# --------------------------------------------------------------------------
CUSTOMERS = {
    # Germany
    "jonas": ("Jonas Becker", "DE", "jonas.becker"), "lena": ("Lena Hoffmann", "DE", "lena.hoffmann88"),
    "matthias": ("Matthias Schröder", "DE", "m.schroeder"), "sabine": ("Sabine Krüger", "DE", "sabine.krueger"),
    "felix": ("Felix Wagner", "DE", "felixwagner"), "anna": ("Anna Schmidt", "DE", "anna.schmidt.hh"),
    "tobias": ("Tobias Neumann", "DE", "t.neumann"), "katrin": ("Katrin Vogel", "DE", "katrin.vogel"),
    "juergen": ("Jürgen Hartmann", "DE", "j.hartmann61"), "miriam": ("Miriam Lehmann", "DE", "miri.lehmann"),
    "stefan": ("Stefan Braun", "DE", "einkauf.braun-gastro"), "julia": ("Julia Zimmermann", "DE", "julia.z"),
    "henrik": ("Henrik Otto", "DE", "henrik.otto"), "claudia": ("Claudia Weiß", "DE", "claudia.weiss"),
    # France
    "camille": ("Camille Laurent", "FR", "camille.laurent"), "julien": ("Julien Moreau", "FR", "julien.moreau"),
    "elodie": ("Élodie Girard", "FR", "elodie.girard"), "thomas": ("Thomas Lefèvre", "FR", "thomas.lefevre"),
    "manon": ("Manon Dubois", "FR", "manon.dubois"),
    # Spain
    "lucia": ("Lucía Fernández", "ES", "lucia.fdez"), "javier": ("Javier Martín", "ES", "javi.martin"),
    "carmen": ("Carmen Ruiz", "ES", "carmen.ruiz.b"), "pablo": ("Pablo Navarro", "ES", "pnavarro"),
    "marta": ("Marta Gómez", "ES", "marta.gomez"),
    # Italy
    "giulia": ("Giulia Romano", "IT", "giulia.romano"), "marco": ("Marco Bianchi", "IT", "marco.bianchi"),
    "francesca": ("Francesca Greco", "IT", "fra.greco"), "luca": ("Luca Esposito", "IT", "luca.esposito"),
    # Portugal
    "ines": ("Inês Carvalho", "PT", "ines.carvalho"), "tiago": ("Tiago Ferreira", "PT", "tiago.ferreira"),
    "beatriz": ("Beatriz Sousa", "PT", "bia.sousa"), "rui": ("Rui Almeida", "PT", "rui.almeida"),
    # United Kingdom
    "oliver": ("Oliver Bennett", "GB", "oliver.bennett"), "charlotte": ("Charlotte Hughes", "GB", "charlotte.hughes"),
    "amelia": ("Amelia Clarke", "GB", "amelia.clarke"), "harry": ("Harry Patel", "GB", "harry.patel"),
    "sophie": ("Sophie Walsh", "GB", "sophie.walsh"),
    # United States
    "emily": ("Emily Carter", "US", "emily.carter"), "michael": ("Michael Brooks", "US", "mbrooks"),
    "jessica": ("Jessica Nguyen", "US", "jess.nguyen"), "david": ("David Miller", "US", "dmiller.pdx"),
    "ashley": ("Ashley Ramirez", "US", "ashley.ramirez"), "ryan": ("Ryan Cooper", "US", "ryan.cooper"),
    # Japan
    "misaki": ("佐藤 美咲", "JP", "misaki.sato"), "kenta": ("鈴木 健太", "JP", "kenta.suzuki"),
    "yumi": ("高橋 由美", "JP", "yumi.takahashi"), "sho": ("田中 翔", "JP", "sho.tanaka"),
    "naoko": ("伊藤 直子", "JP", "naoko.ito"), "sakura": ("渡辺 さくら", "JP", "sakura.w"),
    "kenji": ("Kenji Yamamoto", "JP", "kenji.yamamoto"),
    # China
    "fang": ("王芳", "CN", "wangfang"), "wei": ("李伟", "CN", "liwei.sh"),
    "jing": ("张静", "CN", "zhangjing"), "yang": ("刘洋", "CN", "liuyang"),
    "xiaoming": ("陈晓明", "CN", "chenxm"), "yu": ("Chen Yu", "CN", "yu.chen"),
    # Brazil
    "ana": ("Ana Oliveira", "BR", "ana.oliveira"), "lucas": ("Lucas Santos", "BR", "lucas.santos"),
    "mariana": ("Mariana Costa", "BR", "mari.costa"), "rafael": ("Rafael Souza", "BR", "rafael.souza"),
    "fernanda": ("Fernanda Lima", "BR", "fernanda.lima"),
}
DOMAINS = ["example.com", "example.net", "example.org"]
# Where each country's customers live (city, state or province, postcode): the n-th customer of a country gets
# the n-th place, so the orders carry realistic shipping addresses without touching the random draws above.
PLACES = {
    "DE": [("Hamburg", "Hamburg", "20095"), ("München", "Bayern", "80331"), ("Köln", "Nordrhein-Westfalen", "50667"),
           ("Berlin", "Berlin", "10115"), ("Leipzig", "Sachsen", "04109"),
           ("Freiburg im Breisgau", "Baden-Württemberg", "79098")],
    "FR": [("Lyon", "Auvergne-Rhône-Alpes", "69002"), ("Paris", "Île-de-France", "75011"),
           ("Nantes", "Pays de la Loire", "44000"), ("Bordeaux", "Nouvelle-Aquitaine", "33000")],
    "ES": [("Madrid", "Madrid", "28013"), ("Barcelona", "Cataluña", "08001"), ("Sevilla", "Andalucía", "41001"),
           ("Valencia", "Comunitat Valenciana", "46002")],
    "IT": [("Milano", "Lombardia", "20121"), ("Roma", "Lazio", "00184"), ("Napoli", "Campania", "80133"),
           ("Torino", "Piemonte", "10121")],
    "PT": [("Lisboa", "Lisboa", "1100-148"), ("Porto", "Porto", "4000-322"), ("Braga", "Braga", "4700-435"),
           ("Coimbra", "Coimbra", "3000-143")],
    "GB": [("London", "England", "SW1A 1AA"), ("Manchester", "England", "M1 1AE"), ("Edinburgh", "Scotland", "EH1 1YZ"),
           ("Cardiff", "Wales", "CF10 1EP"), ("Bristol", "England", "BS1 4DJ")],
    "US": [("Austin", "TX", "78701"), ("New York", "NY", "10001"), ("Chicago", "IL", "60601"),
           ("Portland", "OR", "97205"), ("San Francisco", "CA", "94105"), ("Denver", "CO", "80202")],
    "JP": [("大阪市", "大阪府", "530-0001"), ("札幌市", "北海道", "060-0001"), ("横浜市", "神奈川県", "220-0011"),
           ("福岡市", "福岡県", "810-0001"), ("京都市", "京都府", "600-8001"), ("仙台市", "宮城県", "980-0811")],
    "CN": [("北京市", "北京市", "100000"), ("上海市", "上海市", "200120"), ("广州市", "广东省", "510000"),
           ("杭州市", "浙江省", "310000"), ("成都市", "四川省", "610000")],
    "BR": [("São Paulo", "SP", "01310-100"), ("Rio de Janeiro", "RJ", "20040-002"), ("Recife", "PE", "50030-230"),
           ("Porto Alegre", "RS", "90010-150"), ("Belo Horizonte", "MG", "30130-010")],
}

# --------------------------------------------------------------------------
# Pinned orders used by conversations.jsonl (key = conversation it belongs to)
# times are UTC; None = absent
# --------------------------------------------------------------------------
PINNED = [
    # key, customer, status, placed, shipped, delivered, items, express
    ("c01", "jonas", "shipped", "2026-11-18T19:41:00Z", "2026-11-19T15:32:00Z", None,
     [("COF-POV-SET", 1), ("COF-GRN-MAN", 1)], False),
    ("c02", "sabine", "delivered", "2026-11-17T08:27:00Z", "2026-11-17T15:08:00Z", "2026-11-20T11:02:00Z",
     [("TXT-WOOL-BL", 1)], False),
    ("c03", "felix", "delivered", "2026-11-12T18:05:00Z", "2026-11-13T14:51:00Z", "2026-11-17T09:44:00Z",
     [("COF-POV-SET", 1), ("COF-FIL-100", 1)], False),
    ("c04", "katrin", "processing", "2026-11-22T09:10:00Z", None, None,
     [("LMP-LED-DESK", 1)], False),
    ("c05", "henrik", "delivered", "2026-11-12T10:18:00Z", "2026-11-12T15:40:00Z", "2026-11-16T12:25:00Z",
     [("PAN-CI-26", 1), ("KNF-WHET-1000", 1)], False),
    ("c06", "stefan", "delivered", "2026-11-02T07:55:00Z", "2026-11-02T15:20:00Z", "2026-11-05T10:13:00Z",
     [("KET-STL-17", 2), ("COF-ESP-CUP2", 3), ("TXT-LIN-TT", 2)], False),
    ("c07", "misaki", "shipped", "2026-11-09T21:14:00Z", "2026-11-10T15:05:00Z", None,
     [("PAN-CI-26", 1), ("KNF-CHEF-20", 1)], False),
    ("c08", "kenta", "delivered", "2026-11-04T12:30:00Z", "2026-11-04T15:47:00Z", "2026-11-16T04:20:00Z",
     [("KET-GOO-10", 1), ("COF-POV-SET", 1)], False),
    ("c09", "yumi", "delivered", "2026-10-22T13:02:00Z", "2026-10-27T14:10:00Z", "2026-11-06T02:35:00Z",
     [("BRD-OAK-ENG", 1), ("TEA-INF-SS", 2)], False),
    ("c10", "sho", "shipped", "2026-11-18T11:48:00Z", "2026-11-18T15:22:00Z", None,
     [("SPK-BT-MINI", 1), ("CHG-CBL-2M", 1)], False),
    ("c11", "naoko", "returned", "2026-10-09T06:40:00Z", "2026-10-09T15:11:00Z", "2026-10-20T03:18:00Z",
     [("TXT-WOOL-BL", 1)], False),
    ("c12", "fang", "shipped", "2026-11-08T16:20:00Z", "2026-11-09T15:36:00Z", None,
     [("SPK-BT-MINI", 1), ("CHG-USBC-65", 1)], False),
    ("c13", "wei", "delivered", "2026-09-28T09:12:00Z", "2026-09-28T15:30:00Z", "2026-10-13T06:05:00Z",
     [("SPK-BT-HOME", 1)], False),
    ("c14", "jing", "returned", "2026-10-05T02:10:00Z", "2026-10-05T15:02:00Z", "2026-10-16T07:40:00Z",
     [("LMP-LED-DESK", 1), ("CHG-CBL-2M", 1)], False),
    ("c15", "yang", "processing", "2026-11-22T03:18:00Z", None, None,
     [("TEA-CI-POT08", 1), ("TEA-INF-SS", 1)], False),
    ("c16", "xiaoming", "delivered", "2026-10-14T08:33:00Z", "2026-10-14T15:15:00Z", "2026-11-03T05:50:00Z",
     [("KNF-CHEF-20", 1), ("KNF-WHET-1000", 1)], False),
    ("c17", "lucia", "shipped", "2026-11-18T20:12:00Z", "2026-11-19T15:45:00Z", None,
     [("MLK-FROTH", 1), ("COF-ESP-CUP2", 1)], False),
    ("c18", "javier", "delivered", "2026-10-29T17:25:00Z", "2026-10-30T15:10:00Z", "2026-11-02T10:38:00Z",
     [("TXT-WOOL-BL", 1)], False),
    ("c19", "carmen", "shipped", "2026-11-08T19:02:00Z", "2026-11-09T15:28:00Z", None,
     [("PAN-CI-DO28", 1)], False),
    ("c20", "pablo", "delivered", "2026-11-05T11:15:00Z", "2026-11-05T15:33:00Z", "2026-11-10T09:58:00Z",
     [("TST-2SL-BR", 1), ("SCL-KIT-DIG", 1)], False),
    ("c21", "camille", "shipped", "2026-11-19T09:47:00Z", "2026-11-19T15:20:00Z", None,
     [("KNF-SANT-17", 1), ("BRD-WAL-L", 1)], False),
    ("c22", "julien", "delivered", "2026-11-06T13:40:00Z", "2026-11-09T14:58:00Z", "2026-11-12T10:31:00Z",
     [("CHG-USBC-65", 2), ("CHG-CBL-2M", 2)], False),
    ("c23", "elodie", "delivered", "2026-11-13T07:51:00Z", "2026-11-13T15:02:00Z", "2026-11-18T13:17:00Z",
     [("KET-STL-17", 1)], False),
    ("c24", "thomas", "delivered", "2026-09-14T19:30:00Z", "2026-09-15T15:10:00Z", "2026-09-18T08:55:00Z",
     [("LMP-LED-CLIP", 2), ("CND-SOY-NORD", 1)], False),
    ("c25", "mariana", "shipped", "2026-10-26T22:05:00Z", "2026-10-27T15:25:00Z", None,
     [("KET-GOO-10", 1), ("COF-FIL-100", 2)], False),
    ("c26", "ines", "delivered", "2026-11-13T10:22:00Z", "2026-11-13T15:37:00Z", "2026-11-18T11:46:00Z",
     [("PAN-NS-28", 1), ("BKW-MAT-SIL", 1), ("STO-JAR-SET4", 1)], False),
    ("c27", "lucas", "shipped", "2026-11-10T23:40:00Z", "2026-11-11T15:12:00Z", None,
     [("KET-STL-17", 1), ("TEA-INF-SS", 1)], False),
    ("c28", "tiago", "returned", "2026-10-12T20:30:00Z", "2026-10-13T15:05:00Z", "2026-10-16T10:22:00Z",
     [("SPK-BT-MINI", 1)], False),
    ("c29", "giulia", "shipped", "2026-11-19T17:35:00Z", "2026-11-20T15:18:00Z", None,
     [("COF-GRN-MAN", 1), ("COF-POV-SET", 1), ("COF-FIL-100", 1)], False),
    ("c30", "marco", "delivered", "2026-10-06T08:10:00Z", "2026-10-06T15:25:00Z", "2026-10-09T12:40:00Z",
     [("LMP-LED-DESK", 1)], False),
    ("c31", "francesca", "delivered", "2026-10-21T18:45:00Z", "2026-10-22T15:03:00Z", "2026-10-26T09:12:00Z",
     [("WTR-FLT-JUG", 1), ("WTR-FLT-CART3", 1)], False),
    ("c32", "emily", "processing", "2026-11-21T18:03:00Z", None, None,
     [("LMP-LED-DESK", 1), ("CHG-CBL-2M", 1)], False),
    ("c33", "oliver", "shipped", "2026-11-18T12:20:00Z", "2026-11-18T15:41:00Z", None,
     [("CHG-USBC-65", 1), ("SPK-BT-MINI", 1)], False),
    ("c34", "michael", "delivered", "2026-10-02T14:50:00Z", "2026-10-05T15:15:00Z", "2026-10-13T18:20:00Z",
     [("KNF-CHEF-20", 1), ("BRD-WAL-L", 1)], False),
    ("c35", "charlotte", "delivered", "2026-10-29T09:30:00Z", "2026-10-29T15:44:00Z", "2026-11-03T13:05:00Z",
     [("SPK-BT-HOME", 1), ("CLK-WD-QI", 1)], False),
    ("c36", "amelia", "shipped", "2026-11-16T16:55:00Z", "2026-11-17T15:29:00Z", None,
     [("PAN-CI-DO28", 1), ("TXT-LIN-TT", 1)], False),
    # extra history for some conversation customers (older orders)
    ("x01", "matthias", "returned", "2026-10-20T17:12:00Z", "2026-10-21T15:06:00Z", "2026-10-23T11:30:00Z",
     [("SPK-BT-HOME", 1)], False),
    ("x02", "stefan", "cancelled", "2026-11-02T07:41:00Z", None, None,
     [("KET-STL-17", 2), ("COF-ESP-CUP2", 3)], False),
    ("x03", "charlotte", "delivered", "2026-09-08T20:10:00Z", "2026-09-09T15:02:00Z", "2026-09-14T12:40:00Z",
     [("COF-POV-SET", 1), ("COF-FIL-100", 2)], False),
]
# Customers whose pinned order must be their only order (first-order welcome code story).
EXCLUSIVE = {"giulia"}


def iso(t: dt.datetime | None) -> str | None:
    return None if t is None else t.strftime("%Y-%m-%dT%H:%M:00Z")


def parse(s: str | None) -> dt.datetime | None:
    return None if s is None else dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def is_business_day(d: dt.date) -> bool:
    return d.weekday() < 5


def add_business_days(d: dt.date, n: int) -> dt.date:
    while n > 0:
        d += dt.timedelta(days=1)
        if is_business_day(d):
            n -= 1
    return d


# ---------------------------- tracking numbers ----------------------------
def ups_tracking(rng: random.Random, service: str) -> str:
    body = "8V4E27" + service + "".join(rng.choice("0123456789") for _ in range(7))
    total = 0
    for i, ch in enumerate(body, start=1):
        v = int(ch) if ch.isdigit() else (ord(ch) - 63) % 10
        total += v * (2 if i % 2 == 0 else 1)
    return "1Z" + body + str((10 - total % 10) % 10)


def s10_tracking(rng: random.Random, prefix: str, country: str = "DE") -> str:
    digits = [rng.randint(0, 9) for _ in range(8)]
    s = sum(d * w for d, w in zip(digits, [8, 6, 4, 2, 3, 5, 9, 7]))
    check = 11 - s % 11
    check = 0 if check == 10 else 5 if check == 11 else check
    return prefix + "".join(map(str, digits)) + str(check) + country


def tracking_for(rng: random.Random, region: str, express: bool) -> tuple[str, str]:
    if express:
        return "DHL Express", "".join(rng.choice("0123456789") for _ in range(10))
    if region == "EU":
        return "DHL", "JJD0003900" + "".join(rng.choice("0123456789") for _ in range(8))
    if region == "UK":
        return "UPS", ups_tracking(rng, "11")
    if region == "US":
        return "UPS", ups_tracking(rng, "68")
    return CARRIER[region], s10_tracking(rng, rng.choice(["CX", "CY"]))


# ------------------------------ order building ------------------------------
def line(sku: str, qty: int, currency: str) -> dict:
    price = price_in(sku, currency)
    return {"sku": sku, "name": CATALOGUE[sku][0], "quantity": qty,
            "price": int(price) if currency == "JPY" else price}


def build_items(country: str, products: list[tuple[str, int]], express: bool) -> tuple[list[dict], float, str]:
    region, currency, _, ship_sku = REGIONS[country]
    items = [line(sku, q, currency) for sku, q in products]
    goods = sum(i["quantity"] * i["price"] for i in items)
    if express:
        items.append({"sku": "SHIP-EXP", "name": SHIPPING["SHIP-EXP"][0], "quantity": 1, "price": SHIPPING["SHIP-EXP"][1]})
    elif not (region == "EU" and goods >= FREE_SHIPPING_EU):
        name, price = SHIPPING[ship_sku]
        items.append({"sku": ship_sku, "name": name, "quantity": 1, "price": price})
    if region == "US":
        duty = round(goods * 0.06, 2)
        items.append({"sku": "DDP-US", "name": "Import duties and fees (delivered duty paid)", "quantity": 1, "price": duty})
    total = round(sum(i["quantity"] * i["price"] for i in items), 2)
    if currency == "JPY":
        total = int(round(total))
    return items, total, currency


def ship_time(placed: dt.datetime, rng: random.Random, personalised: bool) -> dt.datetime:
    """Cut-off 14:00 German time (13:00 UTC in winter, 12:00 UTC in summer, simplified to 13:00 UTC)."""
    d = placed.date()
    if not is_business_day(d) or placed.hour >= 13:
        d = add_business_days(d, 1)
    if personalised:
        d = add_business_days(d, 2)
    return dt.datetime(d.year, d.month, d.day, 14, rng.randint(45, 59), tzinfo=dt.timezone.utc) + dt.timedelta(
        minutes=rng.randint(0, 70))


def delivery_time(shipped: dt.datetime, region: str, tz: int, rng: random.Random) -> dt.datetime:
    lo, hi = TRANSIT[region]
    d = add_business_days(shipped.date(), rng.randint(lo, hi))
    local = dt.datetime(d.year, d.month, d.day, rng.randint(9, 18), rng.randint(0, 59), tzinfo=dt.timezone.utc)
    return local - dt.timedelta(hours=tz)


def random_products(rng: random.Random, country: str, returnable_only: bool) -> list[tuple[str, int]]:
    region, currency, _, _ = REGIONS[country]
    skus = []
    for sku, (_, _, flags) in CATALOGUE.items():
        if "eu_only" in flags and region != "EU":
            continue
        if returnable_only and any(f in flags for f in ("personalised", "hygiene", "gift_card", "final_sale")):
            continue
        skus.append(sku)
    weights = [WEIGHTS.get(s, 2) for s in skus]
    n = rng.choices([1, 2, 3, 4], weights=[45, 33, 16, 6])[0]
    chosen: list[str] = []
    while len(chosen) < n:
        s = rng.choices(skus, weights=weights)[0]
        if s not in chosen:
            chosen.append(s)
    return [(s, 2 if rng.random() < 0.12 and CATALOGUE[s][1] < 60 else 1) for s in chosen]


def random_placed(rng: random.Random, lo: dt.datetime, hi: dt.datetime, tz: int) -> dt.datetime:
    """Random time between lo and hi, biased towards waking hours of the buyer."""
    while True:
        t = lo + dt.timedelta(seconds=rng.randint(0, int((hi - lo).total_seconds())))
        local_hour = (t.hour + tz) % 24
        if 7 <= local_hour <= 23 or rng.random() < 0.15:
            return t.replace(second=0, microsecond=0)


def main() -> None:
    rng = random.Random(SEED)
    keys = list(CUSTOMERS)
    customers = {}
    in_country: dict[str, int] = {}
    for i, k in enumerate(keys):
        name, country, local = CUSTOMERS[k]
        n = in_country[country] = in_country.get(country, -1) + 1
        city, state, postcode = PLACES[country][n % len(PLACES[country])]
        customers[k] = {
            "customer_id": f"C-{10001 + i * 7}",
            "customer_name": name,
            "customer_email": f"{local}@{DOMAINS[i % 3]}",
            "country": country,
            "address": {"shipping_country": country, "shipping_state": state, "shipping_city": city,
                        "shipping_postcode": postcode},
        }

    orders = []
    pinned_by_cust: dict[str, dt.datetime] = {}
    for key, cust, status, placed, shipped, delivered, products, express in PINNED:
        c = customers[cust]
        region, _, _, _ = REGIONS[c["country"]]
        items, total, currency = build_items(c["country"], products, express)
        carrier = tracking = None
        if shipped:
            carrier, tracking = tracking_for(rng, region, express)
        p = parse(placed)
        pinned_by_cust[cust] = min(p, pinned_by_cust.get(cust, p))
        orders.append({"_key": key, "_cust": cust, "status": status, "placed_at": p, "shipped_at": parse(shipped),
                       "delivered_at": parse(delivered), "carrier": carrier, "tracking_number": tracking,
                       "items": items, "total": total, "currency": currency})

    quotas = {"delivered": 92, "shipped": 22, "processing": 13, "cancelled": 17, "returned": 18}
    # Heavy buyers: some customers order more often.
    cust_weights = [1 if k in EXCLUSIVE else rng.choice([1, 1, 1, 2, 2, 3, 4]) for k in keys]
    for status, n in quotas.items():
        made = 0
        while made < n:
            cust = rng.choices(keys, weights=cust_weights)[0]
            if cust in EXCLUSIVE:
                continue
            c = customers[cust]
            region, _, tz, _ = REGIONS[c["country"]]
            hi_limit = pinned_by_cust.get(cust, NOW + dt.timedelta(days=3)) - dt.timedelta(days=2)
            products = random_products(rng, c["country"], returnable_only=(status == "returned"))
            personalised = any("personalised" in CATALOGUE[s][2] for s, _ in products)
            express = region in ("EU", "UK") and rng.random() < 0.06
            if status == "processing":
                lo = dt.datetime(2026, 11, 18, 8, 0, tzinfo=dt.timezone.utc) if personalised else \
                    dt.datetime(2026, 11, 20, 13, 5, tzinfo=dt.timezone.utc)
                hi = NOW - dt.timedelta(minutes=30)
            elif status == "shipped":
                lo, hi = NOW - dt.timedelta(days={"EU": 6, "UK": 7, "US": 12, "JP": 14, "CN": 16, "BR": 26}[region]), \
                    dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.timezone.utc)
            elif status == "returned":
                lo, hi = START, dt.datetime(2026, 10, 28, tzinfo=dt.timezone.utc)
            elif status == "cancelled":
                lo, hi = START, NOW - dt.timedelta(hours=3)
            else:  # delivered
                lo, hi = START, dt.datetime(2026, 11, 19, tzinfo=dt.timezone.utc)
            hi = min(hi, hi_limit)
            if hi <= lo:
                continue
            placed = random_placed(rng, lo, hi, tz)
            shipped = delivered = None
            if status in ("shipped", "delivered", "returned"):
                shipped = ship_time(placed, rng, personalised)
                delivered = delivery_time(shipped, region, tz, rng)
                if status == "shipped" and not (shipped < NOW < delivered):
                    continue
                if status == "delivered" and delivered >= NOW - dt.timedelta(hours=6):
                    continue
                if status == "returned" and delivered >= NOW - dt.timedelta(days=10):
                    continue
                if status == "shipped":
                    delivered = None
            if status == "processing":
                ship_due = ship_time(placed, rng, personalised)
                if ship_due < NOW:
                    continue
            items, total, currency = build_items(c["country"], products, express)
            carrier = tracking = None
            if shipped:
                carrier, tracking = tracking_for(rng, region, express)
            orders.append({"_key": None, "_cust": cust, "status": status, "placed_at": placed, "shipped_at": shipped,
                           "delivered_at": delivered, "carrier": carrier, "tracking_number": tracking,
                           "items": items, "total": total, "currency": currency})
            made += 1

    orders.sort(key=lambda o: o["placed_at"])
    next_id = 103118
    out = []
    pinned_ids = {}
    for o in orders:
        next_id += rng.randint(4, 31)
        oid = f"NL-{next_id:06d}"
        c = customers[o["_cust"]]
        if o["_key"]:
            pinned_ids[o["_key"]] = oid
        out.append({
            "order_id": oid,
            "customer_id": c["customer_id"],
            "customer_name": c["customer_name"],
            "customer_email": c["customer_email"],
            "status": o["status"],
            "placed_at": iso(o["placed_at"]),
            "shipped_at": iso(o["shipped_at"]),
            "delivered_at": iso(o["delivered_at"]),
            "carrier": o["carrier"],
            "tracking_number": o["tracking_number"],
            "items": o["items"],
            "total": o["total"],
            "currency": o["currency"],
            **c["address"],
        })
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    from collections import Counter
    print(f"wrote {len(out)} orders to {OUT}")
    print("status:", dict(Counter(o["status"] for o in out)))
    print("currency:", dict(Counter(o["currency"] for o in out)))
    print("customers:", len({o["customer_id"] for o in out}))
    by_id = {o["order_id"]: o for o in out}
    for key in sorted(pinned_ids):
        o = by_id[pinned_ids[key]]
        print(key, o["order_id"], o["customer_id"], o["customer_name"], o["status"], o["carrier"],
              o["tracking_number"], o["total"], o["currency"])


if __name__ == "__main__":
    main()

"""Write orders.json for every fixture shop: 14 orders each, all five statuses, deterministic.

Dates are relative to one fixed reference date, ``NOW`` (2026-11-20 18:00 UTC), so the computed answers
("is the return window still open?") come out the same every run. Some items are ones the shop's policy
excludes from returns (marked ``excluded`` in the catalogue below, never in the output).

A shop's spec may list ``addresses``, one per name (``shipping_country`` as ISO 3166-1 alpha-2, and optionally
``shipping_state``, ``shipping_city``, ``shipping_postcode``): each order then carries its customer's address.

Run: python examples/shops/make_orders.py
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
HERE = Path(__file__).parent
STATUSES = ["delivered", "delivered", "shipped", "processing", "cancelled", "returned", "delivered"]

SHOPS: dict[str, dict] = {
    "voltwerk": {
        "prefix": "VW-",
        "digits": 7,
        "currency": "EUR",
        "carrier": ("DHL", "JJD0003{:013d}"),
        "names": ["Jonas Becker", "Lea Schmitt", "Felix Wagner", "Mia Hoffmann", "Lukas Braun", "Anna Keller"],
        "items": [
            ("VB-14", "VOLTBOOK 14 Notebook", 899.0),
            ("HP-ANC", "Over-Ear-Kopfhörer ANC", 149.0),
            ("MON-27", "27-Zoll-Monitor QHD", 259.0),
            ("USB-C-2M", "USB-C-Kabel 2 m", 12.99),
            ("SW-OFF", "Office-Software (Box, versiegelt)", 79.0, "excluded"),
            ("GC-50", "Geschenkgutschein 50 €", 50.0, "excluded"),
            ("PC-BYO", "Konfigurierter Gaming-PC (Build your PC)", 1499.0, "excluded"),
        ],
    },
    "glow-lab": {
        "prefix": "GL",
        "digits": 5,
        "currency": "USD",
        "carrier": ("USPS", "9400 1000 0000 {:010d}"),
        "names": ["Emma Johnson", "Olivia Brown", "Ava Garcia", "Sophia Miller", "Chloe Davis", "Grace Lee"],
        "items": [
            ("SR-VITC", "Vitamin C Serum 30 ml", 38.0),
            ("CL-GEL", "Gentle Gel Cleanser", 22.0),
            ("LED-MASK", "GLOW LED Mask", 199.0),
            ("SPF-50", "Daily Mineral SPF 50", 28.0),
            ("MINI-KIT", "Travel Mini Kit", 18.0, "excluded"),
            ("FS-BALM", "Lip Balm Trio (FINAL SALE)", 9.0, "excluded"),
            ("EGC-25", "E-Gift Card $25", 25.0, "excluded"),
        ],
    },
    "casa-bella": {
        "prefix": "CB",
        "digits": 6,
        "currency": "EUR",
        "carrier": ("BRT", "BRT{:012d}"),
        "names": ["Giulia Rossi", "Marco Bianchi", "Francesca Russo", "Luca Romano", "Chiara Colombo", "Paolo Ricci"],
        "items": [
            ("TAV-TEAK", "Tavolo da giardino in teak", 489.0),
            ("VASO-40", "Vaso in terracotta 40 cm", 34.9),
            ("FORB-01", "Forbici da potatura", 24.5),
            ("SEDIA-AL", "Sedia pieghevole in alluminio", 59.0),
            ("OLIVO-1", "Pianta di olivo in vaso", 45.0, "excluded"),
            ("BULBI-TU", "Bulbi di tulipano (20 pz)", 12.9, "excluded"),
            ("CUS-MIS", "Cuscini su misura per panca", 89.0, "excluded"),
        ],
    },
    "sakura-wear": {
        "prefix": "SW-",
        "digits": 8,
        "currency": "JPY",
        "carrier": ("ヤマト運輸", "{:012d}"),
        "names": ["佐藤 美咲", "鈴木 健太", "高橋 陽菜", "田中 翔", "伊藤 さくら", "渡辺 大輔"],
        "items": [
            ("KN-CARD", "ウールカーディガン", 8800),
            ("DN-WIDE", "ワイドデニムパンツ", 7700),
            ("TS-BASIC", "ベーシックTシャツ", 2970),
            ("CT-TRENCH", "トレンチコート", 19800),
            ("SALE-SK", "プリーツスカート（セール品）", 3990, "excluded"),
            ("SWIM-01", "ワンピース水着", 6600, "excluded"),
            ("PIERCE-P", "パールピアス", 2200, "excluded"),
        ],
    },
    "velo-roule": {
        "prefix": "VR",
        "digits": 6,
        "currency": "EUR",
        "carrier": ("Colissimo", "6A{:011d}"),
        "names": ["Camille Martin", "Louis Bernard", "Chloé Dubois", "Hugo Thomas", "Manon Robert", "Théo Petit"],
        "items": [
            ("VEL-URB", 'Vélo urbain Lyonnais 28"', 749.0),
            ("ANT-U", "Antivol en U", 39.9),
            ("PNEU-700", "Pneu 700x32", 29.9),
            ("ECL-LED", "Éclairage LED avant/arrière", 24.9),
            ("CAS-ROUTE", "Casque route (emballage ouvert)", 89.0, "excluded"),
            ("VEL-MES", "Vélo monté sur mesure", 1890.0, "excluded"),
            ("CC-50", "Carte cadeau 50 €", 50.0, "excluded"),
        ],
    },
    "jugarama": {
        "prefix": "JG-",
        "digits": 5,
        "currency": "EUR",
        "carrier": ("SEUR", "SEUR{:010d}"),
        "names": ["Lucía García", "Hugo Fernández", "Martina López", "Pablo Martínez", "João Silva", "Beatriz Costa"],
        "items": [
            ("JM-CATAN", "Juego de mesa Colonos", 39.95),
            ("LEGO-TR", "Tren de construcción 620 piezas", 59.9),
            ("MOCH-01", "Mochila escolar", 24.5),
            ("PELUCHE", "Peluche oso 40 cm", 19.9),
            ("PUZ-1000", "Puzle 1000 piezas (precinto abierto)", 14.9, "excluded"),
            ("TAZA-NOM", "Taza personalizada con nombre", 12.5, "excluded"),
            ("TR-20", "Tarjeta regalo 20 €", 20.0, "excluded"),
        ],
    },
    "parcel-desk": {
        "prefix": "HP",
        "digits": 7,
        "currency": "USD",
        "carrier": ("UPS", "1Z999AA1{:010d}"),
        "names": ["Noah Smith", "Liam Walker", "Ella Young", "Mason Hall", "Zoe King", "Owen Wright"],
        "items": [
            ("SOFA-3", "Three-seat linen sofa", 1290.0),
            ("LAMP-F", "Floor lamp, brass", 189.0),
            ("SHEET-Q", "Percale sheet set, queen", 89.0),
            ("TABLE-O", "Oak side table", 249.0),
            ("MATT-Q", "Queen mattress (unwrapped)", 899.0, "excluded"),
            ("RUG-CUT", "Custom-cut wool rug", 640.0, "excluded"),
            ("CLR-VASE", "Clearance vase, all sales final", 19.0, "excluded"),
        ],
    },
    "shuma-youxuan": {
        "prefix": "SM",
        "digits": 12,
        "currency": "CNY",
        "carrier": ("京东物流", "JDV{:012d}"),
        "names": ["赵磊", "钱婷", "孙浩", "周洁", "吴凡", "郑雪"],
        "items": [
            ("EAR-TWS", "真无线蓝牙耳机", 399.0),
            ("PB-20K", "20000毫安移动电源", 169.0),
            ("CBL-C", "USB-C 快充线 1米", 39.0),
            ("HUB-7", "七合一扩展坞", 259.0),
            ("EAR-KZ", "定制刻字耳机", 459.0, "excluded"),
            ("SD-256", "256GB 存储卡(已拆封)", 129.0, "excluded"),
            ("CARD-100", "100元充值卡", 100.0, "excluded"),
        ],
    },
    "iroha-kitchen": {
        "prefix": "IR-",
        "digits": 6,
        "currency": "JPY",
        "carrier": ("佐川急便", "{:012d}"),
        "names": ["山本 花子", "中村 蓮", "小林 結衣", "加藤 悠真", "吉田 美月", "山田 颯太"],
        "items": [
            ("KETTLE-E", "電気ケトル 1.0L", 6980),
            ("PAN-26", "鉄フライパン 26cm", 5500),
            ("BOARD-H", "ひのきまな板", 3300),
            ("HOTPLATE", "ホットプレート", 12800),
            ("KNIFE-NM", "名入れ三徳包丁", 9900, "excluded"),
            ("TEA-FOOD", "ほうじ茶ティーバッグ（食品）", 980, "excluded"),
            ("SALE-BOWL", "小鉢セット（セール品）", 1500, "excluded"),
        ],
    },
    "aurora-calcados": {
        "prefix": "AC",
        "digits": 8,
        "currency": "BRL",
        "carrier": ("Correios", "OB{:09d}BR"),
        "names": ["Ana Souza", "Pedro Oliveira", "Mariana Lima", "Rafael Pereira", "Juliana Alves", "Lucas Rocha"],
        "items": [
            ("TEN-RUN", "Tênis de corrida Aurora Run", 399.9),
            ("BOT-COU", "Bota de couro cano curto", 459.0),
            ("SAN-RAS", "Sandália rasteira", 129.9),
            ("MOC-CL", "Mocassim clássico", 289.0),
            ("MEIA-3", "Kit 3 pares de meias", 49.9, "excluded"),
            ("PALM-P", "Palmilha personalizada", 159.0, "excluded"),
            ("OUT-SAP", "Sapatilha (Outlet)", 79.9, "excluded"),
        ],
    },
    "koyomi-stationery": {
        "prefix": "KY-",
        "digits": 7,
        "currency": "JPY",
        "carrier": ("ヤマト運輸", "{:012d}"),
        "names": ["森 彩花", "石井 拓海", "松本 葵", "井上 湊", "木村 千尋", "林 陽介"],
        "items": [
            ("FP-KAEDE", "万年筆 楓 細字", 16500),
            ("WASHI-BIN", "美濃和紙の便箋と封筒セット", 1980),
            ("NOTE-B6", "方眼ノート B6 5冊組", 1650),
            ("SHARP-05", "製図用シャープペンシル 0.5mm", 3300),
            ("FP-NAIRE", "名入れ万年筆 楓 中字", 22000, "excluded"),
            ("INK-AI", "ボトルインク 藍 50ml", 2420, "excluded"),
            ("FUKU-27", "2027年 文具福袋", 5500, "excluded"),
        ],
    },
    "longmen-audio": {
        "prefix": "LM",
        "digits": 9,
        "currency": "CNY",
        "carrier": ("顺丰速运", "SF{:013d}"),
        "names": ["黄子轩", "林晓雯", "何嘉豪", "罗思琪", "高宇航", "梁静怡"],
        "items": [
            ("HP-K7", "K7 头戴式耳机", 1299.0),
            ("DAC-M2", "M2 台式解码耳放一体机", 2499.0),
            ("SPK-B5", "B5 书架音箱(一对)", 1899.0),
            ("CBL-XLR", "平衡XLR音频线 1.5米", 189.0),
            ("IEM-S3", "S3 入耳式耳机", 899.0, "excluded"),
            ("TIP-FOAM", "记忆海绵耳塞套(3对装)", 59.0, "excluded"),
            ("CIEM-C1", "C1 定制耳模入耳式耳机", 3980.0, "excluded"),
        ],
    },
    "northpoint-pets": {
        "prefix": "NP-",
        "digits": 6,
        "currency": "USD",
        "carrier": ("UPS", "1Z4F7W03{:010d}"),
        "names": ["Megan Carter", "Tyler Brooks", "Ashley Nguyen", "Brandon Ortiz", "Kayla Murphy", "Jordan Price"],
        "items": [
            ("BED-ORTHO", "Orthopedic Dog Bed, Large", 89.99),
            ("LEASH-RT", "Retractable Leash 16 ft", 24.99),
            ("TREE-CAT", "Cat Tree 52-inch", 119.0),
            ("BOWL-SS", "Stainless Steel Bowl Set", 18.5),
            ("FOOD-SAL", "Grain-Free Salmon Dog Food 24 lb", 64.99, "excluded"),
            ("TREAT-JRK", "Chicken Jerky Dog Treats 12 oz", 14.99, "excluded"),
            ("CRICK-LIVE", "Live Crickets, 500 count", 21.0, "excluded"),
            ("TAG-ENGR", "Engraved Pet ID Tag", 12.0, "excluded"),
        ],
    },
    "mingxiang-tea": {
        "prefix": "MX",
        "digits": 10,
        "currency": "CNY",
        "carrier": ("顺丰速运", "SF{:013d}"),
        "names": ["王芳", "李伟", "张敏", "刘洋", "陈静", "杨磊"],
        "items": [
            ("LJ-250", "西湖龙井 250克", 268.0),
            ("PE-357", "云南普洱茶饼 357克", 198.0),
            ("ZS-POT", "宜兴紫砂壶", 680.0),
            ("BC-SET", "白瓷盖碗套装", 128.0),
            ("KZ-POT", "定制刻字紫砂壶", 880.0, "excluded"),
            ("LQ-TJ", "临期特价乌龙茶", 49.0, "excluded"),
            ("GIFT-200", "礼品卡 200元", 200.0, "excluded"),
        ],
    },
    "alpenhaus-outdoor": {
        "prefix": "AH-",
        "digits": 6,
        "currency": "EUR",
        "carrier": ("DHL", "003404341{:011d}"),
        "names": ["Sebastian Gruber", "Katharina Huber", "Maximilian Bauer", "Johanna Steiner", "Tobias Wimmer"],
        "items": [
            ("ZELT-2P", "Trekkingzelt Gipfelstern 2P", 349.0),
            ("SCHL-DN", "Daunenschlafsack Nordwand -10 °C", 279.0),
            ("KOCH-TI", "Titan-Gaskocher Flämmchen", 64.9),
            ("RUCK-45", "Trekkingrucksack 45+10 L", 169.0),
            ("GAS-450", "Gaskartusche 450 g Butan/Propan", 7.9, "excluded"),
            ("SEIL-ZU", "Kletterseil 9,8 mm, Zuschnitt 35 m", 118.0, "excluded"),
            ("GS-50", "Geschenkgutschein 50 €", 50.0, "excluded"),
        ],
    },
    "verde-vivero": {
        "prefix": "VV",
        "digits": 7,
        "currency": "EUR",
        "carrier": ("Correos Express", "3230{:012d}"),
        "names": [
            "Carmen Navarro",
            "Javier Ortega",
            "Nuria Serrano",
            "Álvaro Molina",
            "Rosa Delgado",
            "Iker Etxeberria",
        ],
        "items": [
            ("MAC-TER", "Maceta de terracota 30 cm", 18.5),
            ("TIJ-POD", "Tijeras de podar de una mano", 32.9),
            ("REG-10L", "Regadera metálica 10 L", 24.0),
            ("MANG-25", "Manguera extensible 25 m", 36.0),
            ("OLIVO-M", "Olivo en maceta, 1,2 m", 59.0, "excluded"),
            ("MONST-D", "Monstera deliciosa 80 cm", 39.9, "excluded"),
            ("SEM-TOM", "Semillas de tomate Corazón de Buey (sobre)", 2.95, "excluded"),
        ],
    },
    "maison-lumiere": {
        "prefix": "ML-",
        "digits": 6,
        "currency": "EUR",
        "carrier": ("Colissimo", "8R{:011d}"),
        "names": [
            "Élise Fournier",
            "Antoine Girard",
            "Sophie Lambert",
            "Nicolas Faure",
            "Julie Mercier",
            "Yann Le Gall",
        ],
        "items": [
            ("LAMP-LIN", "Lampe de chevet en lin", 79.0),
            ("SUSP-ROT", "Suspension en rotin 45 cm", 129.0),
            ("GUER-CH", "Guéridon en chêne massif", 189.0),
            ("LAMPA-LAI", "Lampadaire arc en laiton", 349.0),
            ("ABAT-MES", "Abat-jour sur mesure en soie", 119.0, "excluded"),
            ("AMP-E27", "Ampoule LED filament E27", 9.9, "excluded"),
            ("APP-MUR", "Applique murale en céramique", 69.0),
        ],
    },
    "bottega-cuoio": {
        "prefix": "BC",
        "digits": 7,
        "currency": "EUR",
        "carrier": ("BRT", "BRT{:012d}"),
        "names": [
            "Alessandra Conti",
            "Matteo Greco",
            "Sofia Marino",
            "Davide Gallo",
            "Elena Fontana",
            "Riccardo Moretti",
        ],
        "items": [
            ("BORSA-TOS", "Borsa a spalla Toscana in vacchetta", 289.0),
            ("CINT-35", "Cintura in cuoio 35 mm", 69.0),
            ("PORTAF-U", "Portafoglio uomo in pelle", 79.0),
            ("ZAINO-CU", "Zaino in cuoio Firenze", 349.0),
            ("BORSA-MON", "Borsa tote con monogramma", 329.0, "excluded"),
            ("PORTAC-INI", "Porta carte con iniziali incise", 49.0, "excluded"),
            ("KIT-CURA", "Kit cura della pelle", 24.0),
        ],
    },
    "tidewater-games": {
        "prefix": "TW",
        "digits": 6,
        "currency": "GBP",
        "carrier": ("Royal Mail", "TW{:09d}GB"),
        "names": ["Oliver Hughes", "Amelia Clarke", "Harry Ward", "Isla Turner", "George Palmer", "Freya Doyle"],
        "items": [
            ("CASTLE-DEL", "Castles of the Dales (shrink-wrapped)", 42.0),
            ("PUZ-1000L", "Lighthouse 1000-piece jigsaw", 18.5),
            ("DICE-MET", "Metal dice set", 14.0),
            ("SLEEVE-100", "Card sleeves, pack of 100", 4.5),
            ("MYST-BOX", "Mystery Box (clearance, non-returnable)", 25.0, "excluded"),
            ("GIFT-25", "Tidewater gift card £25", 25.0, "excluded"),
            ("TRAIN-EU", "Ticket to the Coast (shrink-wrapped)", 39.99),
        ],
    },
    "praia-brava": {
        "prefix": "PB",
        "digits": 6,
        "currency": "BRL",
        "carrier": ("Correios", "QB{:09d}BR"),
        "names": ["Larissa Mendes", "Thiago Barbosa", "Camila Ferreira", "Bruno Cardoso", "Fernanda Ribeiro"],
        "items": [
            ("BIQ-TOP", "Top de biquíni cortininha Copacabana", 129.9),
            ("BIQ-CAL", "Calcinha de biquíni asa-delta Copacabana", 99.9),
            ("MAI-IPA", "Maiô frente única Ipanema", 239.0),
            ("SAI-REN", "Saída de praia de renda Trancoso", 189.0),
            ("CHA-PAL", "Chapéu de palha aba larga", 89.9),
            ("SAI-BORD", "Saída de praia bordada com nome (personalizada)", 219.0, "excluded"),
            ("VALE-100", "Vale-presente Praia Brava R$ 100", 100.0, "excluded"),
            ("CANGA-OUT", "Canga estampada (Outlet)", 39.9, "excluded"),
        ],
    },
    "kazeya-hamono": {
        "prefix": "KZ-",
        "digits": 7,
        "currency": "JPY",
        "carrier": ("ヤマト運輸", "{:012d}"),
        "names": ["岡田 誠", "西村 由紀", "藤田 勇気", "原 美穂", "斎藤 隆"],
        "items": [
            ("GYU-210", "牛刀 210mm 青紙二号", 28600),
            ("SAN-165", "三徳包丁 165mm ステンレス", 14300),
            ("PET-150", "ペティナイフ 150mm", 9900),
            ("TOI-1000", "中砥石 #1000", 4400),
            ("TOI-6000", "仕上げ砥石 #6000", 7700),
            ("NAIRE-SAN", "名入れ三徳包丁 170mm", 19800, "excluded"),
            ("NAIRE-YAN", "名入れ柳刃包丁 270mm", 42900, "excluded"),
            ("WAKE-NAK", "訳あり品 菜切包丁 165mm", 8800, "excluded"),
        ],
    },
    "yushan-tea": {
        "prefix": "YS",
        "digits": 8,
        "currency": "TWD",
        "carrier": ("黑貓宅急便", "{:012d}"),
        "names": ["陳怡君", "林家豪", "黃雅婷", "張志明", "李佳穎"],
        "items": [
            ("OOL-ALI", "阿里山高山烏龍茶 150g", 1200),
            ("DYL-150", "大禹嶺高冷茶 150g", 2400),
            ("BLK-RUBY", "日月潭紅玉紅茶 75g", 680),
            ("POT-ZHU", "朱泥小壺 150ml", 3200),
            ("CUP-SET", "白瓷品茗杯組（四入）", 980),
            ("CAN-KZ", "客製刻字錫茶罐", 1500, "excluded"),
            ("GIFT-1000", "雨山茶禮券 1000元", 1000, "excluded"),
            ("SALE-BAO", "出清特價 文山包種茶（2024年）", 350, "excluded"),
        ],
    },
    "outback-optics": {
        "prefix": "OO-",
        "digits": 6,
        "currency": "AUD",
        "carrier": ("Australia Post", "33OOP{:010d}"),
        "names": ["Liam O'Connor", "Chloe Nguyen", "Jack Thompson", "Mia Patel", "Hamish Taylor", "Aroha Ngata"],
        "items": [
            ("BIN-1042", "Kestrel 10x42 ED Binoculars", 649.0),
            ("BIN-850", "Ridgeline 8x50 Porro Binoculars", 289.0),
            ("TEL-DOB8", 'Southern Cross 8" Dobsonian Telescope', 1199.0),
            ("LENS-70200", "70-200mm f/2.8 Telephoto Lens, Canon RF mount", 2499.0),
            ("TRI-CF", "Carbon Fibre Travel Tripod", 329.0),
            ("TEL-N10C", 'Newtonian 10" Telescope, custom-collimated', 1890.0, "excluded"),
            ("CLR-SPOT", "Spotting Scope 20-60x80 (Clearance)", 399.0, "excluded"),
        ],
    },
    "grafit-kunstbedarf": {
        "prefix": "GK",
        "digits": 7,
        "currency": "CHF",
        "carrier": ("Post CH", "99.60.{:010d}"),
        "names": ["Reto Brunner", "Corinne Meier", "Chiara Bernasconi", "Mélanie Rochat", "Nadja Frick", "Urs Zbinden"],
        "items": [
            ("AQ-KAST24", "Aquarellkasten 24 Näpfchen", 89.0),
            ("PIN-MARD8", "Rotmarderpinsel Grösse 8", 42.5),
            ("PAP-BLOCK", "Aquarellpapier-Block 300 g/m², 24 x 32 cm", 36.9),
            ("STAF-BU", "Atelierstaffelei Buche", 249.0),
            ("OEL-TW200", "Ölfarbe Titanweiss, Tube 200 ml", 24.9),
            ("LW-MASS", "Leinwand nach Mass 70 x 95 cm", 78.0, "excluded"),
            ("ACR-MISCH", "Acrylfarbe gemischt nach Farbmuster, 500 ml", 32.0, "excluded"),
        ],
    },
    "xiaomiao-muying": {
        "prefix": "XM",
        "digits": 10,
        "currency": "CNY",
        "carrier": ("顺丰速运", "SF{:013d}"),
        "names": ["王丽娜", "陈晓东", "李婷婷", "阿依古丽", "张伟", "黄嘉欣"],
        "items": [
            ("TC-QB", "轻便婴儿推车（可登机）", 1299.0),
            ("LTY-3", "婴儿纯棉连体衣 3件装", 139.0),
            ("ZY-04", "儿童安全座椅 0-4岁", 1680.0),
            ("NF-3D", "婴儿配方奶粉 3段 800克", 298.0),
            ("NP-240", "PPSU宽口径奶瓶 240ml", 129.0),
            ("WSJ-L", "产妇卫生巾 L码 10片", 39.9, "excluded"),
            ("SZ-KZ", "宝宝刻字银手镯（定制）", 399.0, "excluded"),
        ],
    },
    "fuerza-natural": {
        "prefix": "FN-",
        "digits": 6,
        "currency": "MXN",
        "carrier": ("DHL Express", "{:010d}"),
        "names": [
            "Daniela Hernández",
            "José Luis Ramírez",
            "Valeria Torres",
            "Miguel Ángel Castro",
            "Carlos Mendoza",
            "Fernanda Ruiz",
        ],
        "addresses": [
            {"shipping_country": "MX", "shipping_city": "Ciudad de México", "shipping_postcode": "03100"},
            {
                "shipping_country": "MX",
                "shipping_state": "Yucatán",
                "shipping_city": "Mérida",
                "shipping_postcode": "97000",
            },
            {"shipping_country": "MX", "shipping_state": "Nuevo León", "shipping_city": "Monterrey"},
            {"shipping_country": "MX", "shipping_postcode": "23000"},
            {
                "shipping_country": "US",
                "shipping_state": "Texas",
                "shipping_city": "San Antonio",
                "shipping_postcode": "78205",
            },
            {"shipping_country": "MX", "shipping_state": "Jalisco"},
        ],
        "items": [
            ("WHEY-2K", "Proteína Whey Isolate sabor vainilla 2 kg", 1299.0),
            ("CREA-300", "Creatina monohidratada 300 g", 549.0),
            ("SHAK-700", "Shaker de acero inoxidable 700 ml", 289.0),
            ("CINT-LEV", "Cinturón de levantamiento de cuero", 749.0),
            ("PRE-30", "Pre-entreno Explosión frutos rojos 30 servicios", 699.0),
            ("BAR-REF", "Barras de proteína refrigeradas, caja con 12", 540.0, "excluded"),
            ("OF-BCAA", "BCAA sabor limón 400 g (oferta final)", 249.0, "excluded"),
        ],
    },
    "liuteria-ponte": {
        "prefix": "LP",
        "digits": 6,
        "currency": "EUR",
        "carrier": ("GLS", "6{:011d}"),
        "names": [
            "Giovanni Esposito",
            "Martina De Luca",
            "Alessio Marchetti",
            "Lea Baumann",
            "Oliver Bennett",
            "Rosa Ferraro",
            "Lukas Weber",
        ],
        "addresses": [
            {
                "shipping_country": "IT",
                "shipping_state": "Sardegna",
                "shipping_city": "Cagliari",
                "shipping_postcode": "09124",
            },
            {"shipping_country": "IT", "shipping_city": "Milano", "shipping_postcode": "20121"},
            {"shipping_country": "IT", "shipping_postcode": "23041"},
            {"shipping_country": "CH", "shipping_city": "Zürich", "shipping_postcode": "8001"},
            {"shipping_country": "GB", "shipping_city": "Manchester"},
            {"shipping_country": "IT", "shipping_state": "Calabria", "shipping_city": "Cosenza"},
            {"shipping_country": "DE", "shipping_city": "München", "shipping_postcode": "80331"},
        ],
        "items": [
            ("VL-44", "Violino 4/4 Maestro in abete e acero", 1250.0),
            ("CH-CLS", "Chitarra classica Andalusa, tavola in cedro", 680.0),
            ("ACC-CLIP", "Accordatore a clip cromatico", 24.9),
            ("AST-VL", "Astuccio rigido per violino 4/4", 189.0),
            ("VL-REG", "Violino 4/4 Maestro con regolazione personalizzata", 1390.0, "excluded"),
            ("PDF-BACH", "Spartito digitale Bach, Partite (download PDF)", 12.0, "excluded"),
            ("CORD-VL", "Set corde per violino Dominant 4/4", 64.0, "excluded"),
        ],
    },
    "boreal-meubles": {
        "prefix": "BM-",
        "digits": 6,
        "currency": "CAD",
        "carrier": ("Purolator", "3{:011d}"),
        "names": [
            "Émilie Tremblay",
            "Harpreet Singh",
            "Sarah MacDonald",
            "Wei Chen",
            "Kevin Beaulieu",
            "Louis-Philippe Gagnon",
        ],
        "addresses": [
            {
                "shipping_country": "CA",
                "shipping_state": "QC",
                "shipping_city": "Québec",
                "shipping_postcode": "G1R 4P5",
            },
            {
                "shipping_country": "CA",
                "shipping_state": "BC",
                "shipping_city": "Surrey",
                "shipping_postcode": "V3T 1Z2",
            },
            {"shipping_country": "CA", "shipping_postcode": "A1C 5M2"},
            {"shipping_country": "CA", "shipping_city": "Toronto"},
            {"shipping_country": "CA", "shipping_state": "Northwest Territories", "shipping_city": "Yellowknife"},
            {"shipping_country": "CA", "shipping_state": "Québec", "shipping_city": "Gatineau"},
        ],
        "items": [
            ("SOF-3P", "Sofa 3 places Laurentien, tissu gris", 1899.0),
            ("TAB-CHN", "Table à manger en chêne massif 180 cm", 1499.0),
            ("LAMP-AUR", "Lampe sur pied Aurore", 229.0),
            ("TAP-LAI", "Tapis en laine tissé main 160 x 230", 649.0),
            ("COUS-LIN", "Coussin décoratif en lin", 39.99),
            ("MAT-HYB", "Matelas hybride Queen Nordik", 1199.0),
            ("SOF-SUR", "Sofa sur mesure, tissu choisi par le client", 2799.0, "excluded"),
            ("FAUT-LIQ", "Fauteuil d'appoint Mauricie (liquidation, vente finale)", 399.0, "excluded"),
        ],
    },
    "koffie-kompas": {
        "prefix": "KK",
        "digits": 6,
        "currency": "EUR",
        "carrier": ("PostNL", "3SKOKO{:09d}"),
        "names": [
            "Sanne de Vries",
            "Marieke Visser",
            "Luc Peeters",
            "Camille Lambert",
            "Jonas Kessler",
            "Anouk Jansen",
            "Tomasz Nowak",
        ],
        "addresses": [
            {"shipping_country": "NL", "shipping_city": "Utrecht", "shipping_postcode": "3511 LX"},
            {"shipping_country": "NL", "shipping_postcode": "1791 CA"},
            {"shipping_country": "BE", "shipping_city": "Gent", "shipping_postcode": "9000"},
            {"shipping_country": "BE", "shipping_city": "Liège"},
            {
                "shipping_country": "BE",
                "shipping_state": "Lüttich",
                "shipping_city": "Eupen",
                "shipping_postcode": "4700",
            },
            {"shipping_country": "NL", "shipping_state": "Friesland", "shipping_city": "Vlieland"},
            {"shipping_country": "PL", "shipping_city": "Kraków", "shipping_postcode": "31-042"},
        ],
        "items": [
            ("BON-ETH", "Ethiopia Yirgacheffe koffiebonen 1 kg", 38.5),
            ("BON-BRA", "Brazil Santos espressobonen 500 g", 16.95),
            ("ESP-LUC", "Espressomachine Lucca M58 dualboiler", 1249.0),
            ("MOL-NZ", "Koffiemolen Niche Zero", 699.0),
            ("TAMP-58", "Tamper 58 mm RVS", 34.95),
            ("ONT-KW", "Ontkalker Kalk-Weg 500 ml", 12.95),
            ("MAL-OPM", "Colombia Huila 250 g, gemalen op maat (filter)", 12.95, "excluded"),
            ("BON-KAD", "Koffie Kompas cadeaubon € 50", 50.0, "excluded"),
        ],
    },
    "hanul-camping": {
        "prefix": "HN",
        "digits": 8,
        "currency": "KRW",
        "carrier": ("CJ대한통운", "{:012d}"),
        "names": ["김민준", "이서연", "박지훈", "田中 結衣", "陈静", "최유나", "Daniel Park"],
        "addresses": [
            {
                "shipping_country": "KR",
                "shipping_state": "서울특별시",
                "shipping_city": "마포구",
                "shipping_postcode": "04524",
            },
            {
                "shipping_country": "KR",
                "shipping_state": "제주특별자치도",
                "shipping_city": "제주시",
                "shipping_postcode": "63122",
            },
            {"shipping_country": "KR", "shipping_postcode": "40240"},
            {"shipping_country": "JP", "shipping_state": "大阪府", "shipping_city": "大阪市"},
            {"shipping_country": "CN", "shipping_city": "上海", "shipping_postcode": "200040"},
            {"shipping_country": "KR", "shipping_city": "부산광역시"},
            {"shipping_country": "US", "shipping_state": "California", "shipping_city": "Los Angeles"},
        ],
        "items": [
            ("TENT-D4", "하눌 돔텐트 4인용", 389000),
            ("SB-DN10", "구스다운 침낭 -10℃", 259000),
            ("STV-MINI", "미니 버너 스토브", 45000),
            ("GAS-230", "이소부탄 가스 230g 4개입", 16000),
            ("LANT-LED", "LED 충전식 랜턴", 39000),
            ("CHR-RLX", "릴렉스 캠핑 체어", 69000),
            ("GSHT-CUT", "맞춤 재단 그라운드시트 (주문제작)", 58000, "excluded"),
            ("HMK-OFF", "시즌오프 특가 해먹 (교환·반품 불가)", 29000, "excluded"),
        ],
    },
    "albion-refurb": {
        "prefix": "AR-",
        "digits": 6,
        "currency": "GBP",
        "carrier": ("DPD", "1550{:010d}"),
        "names": [
            "Fiona MacLeod",
            "Ciarán Murphy",
            "Rhys Evans",
            "Sophie Le Brocq",
            "Aoife Byrne",
            "Andrzej Kowalczyk",
            "Ioana Popescu",
            "Juan Kermode",
        ],
        "addresses": [
            {
                "shipping_country": "GB",
                "shipping_state": "Highland",
                "shipping_city": "Inverness",
                "shipping_postcode": "IV2 3PR",
            },
            {"shipping_country": "GB", "shipping_city": "Belfast", "shipping_postcode": "BT1 5GS"},
            {"shipping_country": "GB", "shipping_city": "Cardiff"},
            {"shipping_country": "JE", "shipping_postcode": "JE2 3NN"},
            {"shipping_country": "IE", "shipping_city": "Dublin"},
            {"shipping_country": "GB", "shipping_city": "London", "shipping_postcode": "E1 6AN"},
            {"shipping_country": "RO", "shipping_city": "București"},
            {"shipping_country": "IM", "shipping_city": "Douglas", "shipping_postcode": "IM1 2AB"},
        ],
        "items": [
            ("IPH13-VG", "iPhone 13 128GB (Very Good)", 349.0),
            ("PIX7-PR", "Google Pixel 7 128GB (Pristine)", 289.0),
            ("MBA-M1-G", "MacBook Air M1 13-inch 256GB (Good)", 479.0),
            ("IPAD9-VG", "iPad 9th generation 64GB Wi-Fi (Very Good)", 199.0),
            ("AIRP-2", "Apple AirPods 2nd generation (Very Good)", 69.0),
            ("X1C-G", "Lenovo ThinkPad X1 Carbon Gen 9 (Good)", 429.0),
            ("MS365-1Y", "Microsoft 365 Personal, 12-month licence key", 59.99, "excluded"),
            ("GIFT-50", "Albion Refurb gift card £50", 50.0, "excluded"),
        ],
    },
}


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def orders_for(name: str, spec: dict, n: int = 14) -> list[dict]:
    rng = random.Random(name)
    out = []
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        # Spread order dates from 70 days ago to 1 day ago, oldest first.
        placed = NOW - timedelta(days=70 - i * 5, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        shipped = placed + timedelta(days=1) if status in ("shipped", "delivered", "returned") else None
        delivered = placed + timedelta(days=rng.randint(3, 6)) if status in ("delivered", "returned") else None
        if status in ("processing", "shipped"):
            placed = NOW - timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 9))
            shipped = placed + timedelta(hours=20) if status == "shipped" else None
        picks = rng.sample(spec["items"], k=rng.randint(1, 3))
        if i % 4 == 1:  # every fourth order holds an item the policy excludes from returns
            excluded = [it for it in spec["items"] if len(it) > 3]
            picks = [rng.choice(excluded), *[p for p in picks if len(p) == 3][:1]]
        items = [{"sku": p[0], "name": p[1], "quantity": 1, "price": p[2]} for p in picks]
        total = sum(it["price"] * it["quantity"] for it in items)
        total = int(total) if spec["currency"] == "JPY" else round(total, 2)
        cust = i % len(spec["names"])
        carrier, pattern = spec["carrier"]
        out.append(
            {
                "order_id": f"{spec['prefix']}{10 ** (spec['digits'] - 1) + 1000 + i * 37}",
                "customer_id": f"{name[:2].upper()}-C{100 + cust}",
                "customer_name": spec["names"][cust],
                "customer_email": f"customer{100 + cust}@example.com",
                "status": status,
                "placed_at": _iso(placed),
                "shipped_at": _iso(shipped),
                "delivered_at": _iso(delivered),
                "carrier": carrier if shipped else None,
                "tracking_number": pattern.format(rng.randint(10**8, 10**9)) if shipped else None,
                "items": items,
                "total": total,
                "currency": spec["currency"],
                # a shop whose spec lists "addresses" (one per name) ships each order to its customer's address
                **(spec["addresses"][cust] if "addresses" in spec else {}),
            }
        )
    return out


def main() -> None:
    for name, spec in SHOPS.items():
        path = HERE / name / "orders.json"
        path.write_text(json.dumps(orders_for(name, spec), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{path}: {len(spec['items'])} catalogue items")  # noqa: T201


if __name__ == "__main__":
    main()

"""Shop policy retrieval: ingest policy files into Chroma, hybrid search with citations.

One Chroma collection per deployment holds every shop's chunks; every read is filtered by
``shop_id``. Vectors always come from our :class:`~retrievers.embeddings.Embedder` (the collection
has no embedding function, so Chroma never loads or downloads a model of its own). Search fuses
dense similarity and BM25 with reciprocal-rank fusion, optionally adds the sections tagged with
the buyer's intents as a third ranking, and returns one language version per section anchor.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from assist.config import Settings
from assist.detection import UNDETERMINED, LanguageDetector, normalize_code
from assist.errors import InvalidInput, ServiceUnavailable
from assist.models import PolicyPassage
from retrievers.chunking import SUPPORTED_SUFFIXES, Chunk, Document, chunk_document, load_document
from retrievers.embeddings import Embedder
from retrievers.keywords import KeywordIndex

RRF_K = 60  # the constant from Cormack et al. (2009); ranks matter, raw scores do not
CANDIDATES = 50  # per ranker, before fusion
CACHE_TTL_S = 300.0  # keyword index rebuild interval when another process may have ingested
RESULTS_KEPT = 4096  # searches remembered (per index) while the shop's chunks stay the same
RANKERS = ("dense", "bm25", "intent")
# Dense similarity is the primary signal (buyers paraphrase; policies may be in another language);
# BM25 adds exact terms (PayPal, VAT, product names) at half weight, and only over passages in the
# query's language when the caller names it: lexical overlap across languages means nothing.
WEIGHTS = {"dense": 1.0, "bm25": 0.5, "intent": 1.0}
KEYWORDS_SAME_LANGUAGE = True
FALLBACK_LANGUAGE = "en"  # when a section exists in other languages but not the requested one


class IngestResult(BaseModel):
    source: str
    chunks: int
    replaced: int
    language: str


class PolicyIndex(Protocol):
    def ingest_file(
        self,
        shop_id: int,
        path: Path,
        *,
        source: str | None = None,
        language: str | None = None,
    ) -> IngestResult: ...

    def search(
        self,
        shop_id: int,
        query: str,
        k: int = 5,
        *,
        intents: list[str] | None = None,
        language: str | None = None,
    ) -> list[PolicyPassage]: ...

    def get(self, shop_id: int, passage_id: str) -> PolicyPassage | None: ...

    def count(self, shop_id: int) -> int: ...


def chunk_id(shop_id: int, source: str, chunk: Chunk) -> str:
    key = "\x1f".join([str(shop_id), source, chunk.section, str(chunk.occurrence), str(chunk.index)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _passage(chunk_id_: str, document: str, meta: dict[str, Any], score: float) -> PolicyPassage:
    section = str(meta.get("section", ""))
    prefix = f"{section}\n\n"
    text = document[len(prefix) :] if section and document.startswith(prefix) else document
    intents = [i for i in str(meta.get("intents", "")).split(",") if i]
    return PolicyPassage(
        id=chunk_id_,
        text=text,
        source=str(meta.get("source", "")),
        section=section,
        language=str(meta.get("language", "und")),
        score=round(score, 6),
        intents=intents,
        anchor=str(meta["anchor"]) if meta.get("anchor") else None,
    )


def fuse(
    rankings: Sequence[Sequence[str]],
    k: int = RRF_K,
    weights: Sequence[float] | None = None,
) -> list[tuple[str, float]]:
    """(Weighted) reciprocal-rank fusion, normalised so 1.0 means first in every non-empty ranking."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    top = sum(w for r, w in zip(rankings, weights, strict=True) if r) / (k + 1) or 1.0
    return sorted(((i, s / top) for i, s in scores.items()), key=lambda p: (-p[1], p[0]))


def prefer_language(
    ranked: list[tuple[str, float]],
    metas: dict[str, dict[str, Any]],
    language: str | None,
) -> list[tuple[str, float]]:
    """Keep one language version per section anchor: the requested language when it is among the
    hits, else English, else the language of the best hit. The kept version takes the group's best
    rank (its content is the same section)."""
    hits_by_anchor: dict[str, list[str]] = {}
    for item, _ in ranked:
        anchor = metas[item].get("anchor")
        if anchor:
            hits_by_anchor.setdefault(str(anchor), []).append(item)
    chosen: dict[str, str] = {}
    for anchor, items in hits_by_anchor.items():
        languages = [metas[i].get("language") for i in items]
        preferred = [lang for lang in (language, FALLBACK_LANGUAGE) if lang in languages]
        chosen[anchor] = str(preferred[0] if preferred else languages[0])
    out: list[tuple[str, float]] = []
    emitted: set[str] = set()
    for item, score in ranked:
        anchor = metas[item].get("anchor")
        if not anchor:
            out.append((item, score))
            continue
        if item in emitted:
            continue
        wanted = chosen[str(anchor)]
        if metas[item].get("language") != wanted:
            # promote the best hit in the wanted language to this rank (once per anchor)
            promoted = next(
                (i for i in hits_by_anchor[str(anchor)] if metas[i].get("language") == wanted and i not in emitted),
                None,
            )
            if promoted is None:
                continue
            item = promoted
        emitted.add(item)
        out.append((item, score))
    return out


class ChromaPolicyIndex:
    """The real index: Chroma for vectors and storage, bm25s for keywords, RRF to fuse."""

    def __init__(
        self,
        client: Any,
        collection: str,
        embedder: Embedder,
        *,
        max_chars: int | None = None,
        language_detector: LanguageDetector,
    ) -> None:
        self.embedder = embedder
        self.max_chars = max_chars
        self.language_detector = language_detector  # from Services: one detector, and a fake reaches it
        self.weights = dict(WEIGHTS)
        self.keywords_same_language = KEYWORDS_SAME_LANGUAGE
        self._client = client
        self._collection = client.get_or_create_collection(
            collection,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder.name, "dim": embedder.dim},
        )
        stored = self._collection.metadata or {}
        if stored.get("embedder") not in (None, embedder.name) or stored.get("dim") not in (None, embedder.dim):
            raise ServiceUnavailable(
                f"Chroma collection {collection!r} holds vectors from embedder {stored.get('embedder')!r} "
                f"(dim {stored.get('dim')}), not {embedder.name!r} (dim {embedder.dim}): set "
                "ASSIST_CHROMA_COLLECTION to a new name and re-ingest the policies"
            )
        self._keyword: dict[int, KeywordIndex] = {}
        self._generation: dict[int, int] = {}  # bumped by every write: builds that overlap one are not cached
        self._building: set[int] = set()
        # the remembered searches, each with the keyword index (id, build time) it was made from
        self._results: OrderedDict[tuple[Any, ...], tuple[tuple[int, float], list[PolicyPassage]]] = OrderedDict()
        self._lock = threading.Lock()

    # --- writing ----------------------------------------------------------------------------

    def ingest_file(
        self,
        shop_id: int,
        path: Path,
        *,
        source: str | None = None,
        language: str | None = None,
    ) -> IngestResult:
        """Index one file; ``language`` overrides the front matter / detected language."""
        path = Path(path)
        if not path.is_file():
            raise InvalidInput(f"{path}: no such file")
        return self.ingest_document(shop_id, load_document(path), source=source or path.name, language=language)

    def ingest_text(
        self,
        shop_id: int,
        text: str,
        *,
        source: str,
        kind: str = "markdown",
        language: str | None = None,
    ) -> IngestResult:
        document = load_document(Path(source), text=text, kind=kind)
        return self.ingest_document(shop_id, document, source=source, language=language)

    def ingest_document(
        self,
        shop_id: int,
        document: Document,
        *,
        source: str,
        language: str | None = None,
    ) -> IngestResult:
        chunks = chunk_document(document, self.max_chars) if self.max_chars else chunk_document(document)
        if not chunks:
            raise InvalidInput(f"{source}: no text found to index; is the file empty?")
        if not language and not document.language:
            language = self.language_detector.detect(" ".join(c.body for c in chunks[:10])).language
        language = normalize_code(language or document.language or UNDETERMINED)
        metadatas = [
            {
                "shop_id": shop_id,
                "source": source,
                "topic": Path(source).stem,
                "title": document.title or "",
                "section": c.section,
                "anchor": c.anchor or "",
                "chunk": c.index,
                "language": language,
                "intents": ",".join(document.intents),
            }
            for c in chunks
        ]
        vectors = self.embedder.embed([c.text for c in chunks])  # before deleting: nothing lost on errors
        replaced = self.delete_source(shop_id, source)
        batch = self._client.get_max_batch_size()
        ids = [chunk_id(shop_id, source, c) for c in chunks]
        for start in range(0, len(chunks), batch):
            end = start + batch
            self._collection.upsert(
                ids=ids[start:end],
                embeddings=vectors[start:end],
                metadatas=metadatas[start:end],
                documents=[c.text for c in chunks[start:end]],
            )
        self._invalidate(shop_id)
        return IngestResult(source=source, chunks=len(chunks), replaced=replaced, language=language)

    def delete_source(self, shop_id: int, source: str) -> int:
        where = {"$and": [{"shop_id": shop_id}, {"source": source}]}
        old = self._collection.get(where=where, include=[])["ids"]
        if old:
            self._collection.delete(ids=old)
            self._invalidate(shop_id)
        return len(old)

    def _invalidate(self, shop_id: int) -> None:
        with self._lock:
            self._keyword.pop(shop_id, None)
            self._generation[shop_id] = self._generation.get(shop_id, 0) + 1

    # --- reading ----------------------------------------------------------------------------

    def count(self, shop_id: int) -> int:
        return len(self._collection.get(where={"shop_id": shop_id}, include=[])["ids"])

    def get(self, shop_id: int, passage_id: str) -> PolicyPassage | None:
        keywords = self._keywords(shop_id)  # the shop's chunks, held for search: no store round trip per card
        at = keywords.position.get(passage_id)
        if at is not None:
            return _passage(passage_id, keywords.documents[at], keywords.metadatas[at], 0.0)
        found = self._collection.get(ids=[passage_id], where={"shop_id": shop_id}, include=["documents", "metadatas"])
        if not found["ids"]:
            return None
        return _passage(found["ids"][0], found["documents"][0], found["metadatas"][0], 0.0)

    def _keywords(self, shop_id: int, *, refresh: bool = False) -> KeywordIndex:
        """The shop's BM25 index. Built outside the lock; an expired one keeps serving while one
        thread rebuilds it; a build that overlapped an ingest is used once but not cached."""
        with self._lock:
            cached = self._keyword.get(shop_id)
            if cached is not None and not refresh:
                if time.monotonic() - cached.built_at < CACHE_TTL_S or shop_id in self._building:
                    return cached
            self._building.add(shop_id)
            generation = self._generation.get(shop_id, 0)
        try:
            index = self._load_keywords(shop_id)
        finally:
            with self._lock:
                self._building.discard(shop_id)
        with self._lock:
            if self._generation.get(shop_id, 0) == generation:
                self._keyword[shop_id] = index
        return index

    def _load_keywords(self, shop_id: int) -> KeywordIndex:
        total = self._collection.count()
        ids: list[str] = []
        documents: list[str] = []
        metadatas: list[dict[str, Any]] = []
        page = 5000
        while True:
            got = self._collection.get(
                where={"shop_id": shop_id}, include=["documents", "metadatas"], limit=page, offset=len(ids)
            )
            ids += got["ids"]
            documents += got["documents"]
            metadatas += [dict(m) for m in got["metadatas"]]
            if len(got["ids"]) < page:
                break
        return KeywordIndex(ids, documents, metadatas, collection_total=total)

    def _dense(self, shop_id: int, query: str, n: int, keywords: KeywordIndex) -> list[str]:
        """The shop's ``n`` nearest chunks. Chroma's ``where`` filter costs time in proportion to the
        chunks it matches (measured: 150 ms at 10k chunks vs 5 ms unfiltered), so when the shop holds
        most of the collection an unfiltered query runs and only the shop's own ids are kept (the
        keyword index holds exactly the shop's ids); too few left, and the filtered query runs."""
        vector = self.embedder.embed([query])
        shop_size, total = len(keywords), keywords.collection_total
        if shop_size * 2 >= total:
            want = min(total, n * total // max(shop_size, 1) + n)
            found = self._collection.query(query_embeddings=vector, n_results=want, include=[])
            own = [i for i in found["ids"][0] if i in keywords.position]
            if len(own) >= min(n, shop_size):
                return own[:n]
        found = self._collection.query(query_embeddings=vector, n_results=n, where={"shop_id": shop_id}, include=[])
        return list(found["ids"][0])

    def search(
        self,
        shop_id: int,
        query: str,
        k: int = 5,
        *,
        intents: list[str] | None = None,
        language: str | None = None,
        rankers: Iterable[str] = RANKERS,
    ) -> list[PolicyPassage]:
        """Hybrid search in one shop's policies. ``rankers`` picks the signals (for benchmarks)."""
        query = query.strip()
        if not query:
            raise InvalidInput("query is empty: pass the buyer's question or a few keywords")
        if k < 1:
            raise InvalidInput(f"k must be at least 1, got {k}")
        rankers = tuple(rankers)
        keywords = self._keywords(shop_id)
        if not len(keywords):
            return []
        # A conversation is re-sent on every keystroke pause: the same query finds the same passages
        # until the shop's chunks change (a new keyword index object after any ingest or refresh).
        key = (shop_id, query, k, tuple(intents or ()), language, rankers)
        with self._lock:
            remembered = self._results.get(key)
        if remembered is not None and remembered[0] == (id(keywords), keywords.built_at):
            return [p.model_copy() for p in remembered[1]]
        depth = min(max(CANDIDATES, 4 * k), len(keywords))
        rankings: list[list[str]] = []
        used: list[str] = []
        if "dense" in rankers:
            dense = self._dense(shop_id, query, depth, keywords)
            if any(i not in keywords.position for i in dense):  # another process ingested: refresh
                keywords = self._keywords(shop_id, refresh=True)
                dense = [i for i in dense if i in keywords.position]
            rankings.append(dense)
            used.append("dense")
        if "bm25" in rankers:
            hits = [i for i, _ in keywords.top(query, depth * 4 if self.keywords_same_language else depth)]
            if self.keywords_same_language and language:
                hits = [i for i in hits if keywords.metadatas[keywords.position[i]].get("language") == language]
            rankings.append(hits[:depth])
            used.append("bm25")
        metas = {i: keywords.metadatas[keywords.position[i]] for r in rankings for i in r}
        if "intent" in rankers and intents:
            wanted = set(intents)
            fused = fuse(rankings, weights=[self.weights[u] for u in used])
            routed = [i for i, _ in fused if wanted & set(str(metas[i].get("intents", "")).split(","))]
            if routed:
                rankings.append(routed)
                used.append("intent")
        fused = fuse(rankings, weights=[self.weights[u] for u in used])
        ranked = prefer_language(fused, metas, language)[:k]
        passages = [_passage(i, keywords.documents[keywords.position[i]], metas[i], s) for i, s in ranked]
        with self._lock:
            self._results[key] = ((id(keywords), keywords.built_at), [p.model_copy() for p in passages])
            self._results.move_to_end(key)
            while len(self._results) > RESULTS_KEPT:
                self._results.popitem(last=False)
        return passages


def expand_policy_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files to ingest: each file as given, folders searched recursively for supported files (sorted)."""
    return [path for path, _ in policy_sources(paths)]


def policy_sources(paths: Iterable[Path | str]) -> list[tuple[Path, str]]:
    """(file, source name) pairs; a folder's files are named relative to that folder."""
    out: list[tuple[Path, str]] = []
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    for given in map(Path, paths):
        if given.is_dir():
            files = sorted(
                p
                for p in given.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
            if not files:
                raise InvalidInput(f"{given}: folder holds no policy files ({supported})")
            out += [(p, p.relative_to(given).as_posix()) for p in files]
        elif given.is_file():
            if given.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InvalidInput(f"{given}: unsupported file type {given.suffix or '(none)'!r}; use {supported}")
            out.append((given, given.name))
        else:
            raise InvalidInput(f"{given}: no such file or folder")
    names: dict[str, Path] = {}
    for path, source in out:
        if source in names and names[source] != path:
            raise InvalidInput(
                f"{names[source]} and {path} would both be stored as {source!r}; ingest them "
                "from their common parent folder so their names differ"
            )
        names[source] = path
    check_parse(out)
    return out


def check_parse(sources: list[tuple[Path, str]]) -> None:
    """Every file must read and yield text before any is ingested: a folder ingest is all-or-nothing,
    never some files on the new version and some on the old. The message names every bad file."""
    problems = []
    for path, _source in sources:
        try:
            if not chunk_document(load_document(path)):
                problems.append(f"{path}: no text found to index; is the file empty?")
        except InvalidInput as exc:
            problems.append(str(exc))
        except Exception as exc:  # a broken PDF or HTML file: name it, never a traceback
            problems.append(f"{path}: cannot be read ({type(exc).__name__}: {exc})")
    if problems:
        raise InvalidInput("nothing was ingested; fix these files and retry:\n  " + "\n  ".join(problems))


def build_policy_index(
    settings: Settings,
    embedder: Embedder,
    language_detector: LanguageDetector,
) -> ChromaPolicyIndex:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    else:
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    return ChromaPolicyIndex(client, settings.chroma_collection, embedder, language_detector=language_detector)

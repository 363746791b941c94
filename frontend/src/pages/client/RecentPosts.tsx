import { useCallback, useId } from 'react';
import { channelLabel } from '../../api/constants.ts';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Post } from '../../api/types.ts';
import { LoadedList } from '../../components/LoadedList.tsx';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';
import { formatCount, formatDate, formatRatio, NO_VALUE } from '../format.ts';

/** How many posts the section lists. */
export const POSTS_SHOWN = 20;

function newestFirst(a: Post, b: Post): number {
  return b.publishedAt.localeCompare(a.publishedAt);
}

/** A post's address when it is an http(s) URL (anything else is not made a link). */
function safeUrl(url: string | null): string | null {
  if (url === null) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "Recent posts" of a client: text, channel, date, engagement and engagement rate. */
export function RecentPosts({ clientId }: { clientId: string }) {
  const headingId = useId();
  const load = useCallback((request: Requester, signal: AbortSignal) => api.listPosts(request, clientId, signal), [clientId]);
  // a live posts event reads it again in place (the live bridge invalidates this key)
  const { state, reload } = useQueryResource(queryKeys.posts(clientId), load);
  return (
    <section className="recent-posts" aria-labelledby={headingId}>
      <h3 id={headingId}>Recent posts</h3>
      <LoadedList state={state} reload={reload} loadingLabel="Loading posts…" empty="No posts yet">
        {(posts) => (
          <ul className="card-list post-list" aria-labelledby={headingId}>
            {[...posts]
              .sort(newestFirst)
              .slice(0, POSTS_SHOWN)
              .map((post) => (
                <PostItem key={post.id} post={post} />
              ))}
          </ul>
        )}
      </LoadedList>
    </section>
  );
}

function PostItem({ post }: { post: Post }) {
  const href = safeUrl(post.url);
  return (
    <li className="card post">
      <p className="post-text">{post.text === '' ? <span className="muted">(no text)</span> : post.text}</p>
      <dl className="post-facts">
        <div>
          <dt>Channel</dt>
          <dd>{channelLabel(post.channel)}</dd>
        </div>
        <div>
          <dt>Published</dt>
          <dd>
            <time dateTime={post.publishedAt}>{formatDate(post.publishedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Engagement</dt>
          <dd>{formatCount(post.engagement)}</dd>
        </div>
        <div>
          <dt>Engagement rate</dt>
          <dd>{post.engagementRate === null ? NO_VALUE : formatRatio(post.engagementRate)}</dd>
        </div>
      </dl>
      {href !== null && (
        <a href={href} target="_blank" rel="noopener noreferrer">
          Open the post
        </a>
      )}
    </li>
  );
}

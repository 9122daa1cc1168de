import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { erasedRecordConflict } from '@seg/privacy';
import { conflictOn, FieldError, invalidField, InvalidFieldsException, KeysetPages, Page } from '@seg/http';
import { Clock, postIsCurrent, todayInLondon } from '@seg/rules';
import { Database, DB } from '@seg/db';
import { Actor, AuditTrail } from '@seg/audit';
import { PostChanges } from '@seg/records';
import { RegionsService } from '../regions/regions.service';
import { CreatePostDto, PostQuery, UpdatePostDto } from './post.dto';
import { PostView } from './post-view.dto';
import { PostListing, PostPosition, PostsRepository } from './posts.repository';

@Injectable()
export class PostsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly posts: PostsRepository,
    private readonly regions: RegionsService,
    private readonly audit: AuditTrail,
    private readonly pages: KeysetPages,
    private readonly changes: PostChanges,
    private readonly clock: Clock,
  ) {}

  async list(query: PostQuery): Promise<Page<PostView>> {
    let regionId: string | null | undefined;
    if (query.region === 'hub') regionId = null;
    else if (query.region) {
      regionId = (await this.regions.forFilter(query.region, 'region', 'is not a region code or hub')).id;
    }
    const request = this.pages.open<PostPosition>('posts', query, ['string', 'string']);
    const today = todayInLondon(this.clock.now());
    const filter = { memberId: query.memberId, regionId, currentOn: query.current ? today : undefined };
    const { rows, total } = await this.posts.list(filter, request.fetch, request.after);
    return request.page(
      rows,
      total,
      (post) => [post.startsOn, post.id],
      (post) => withCurrent(post, today),
    );
  }

  async create(dto: CreatePostDto, actor: Actor): Promise<PostView> {
    return this.db.transaction(async (tx) => {
      const errors: FieldError[] = [];
      if (dto.hub && dto.regionCode)
        errors.push({ field: 'hub', message: 'a post is for a region or for the hub, not both' });
      const member = await this.posts.lockHolder(tx, dto.memberId);
      if (member?.erasedAt) throw erasedRecordConflict('memberId');
      if (!member) errors.push({ field: 'memberId', message: 'is not a member' });
      else if (member.status === 'left' || member.status === 'suspended')
        errors.push({ field: 'memberId', message: `is ${member.status}` });
      let regionId: string | null = null;
      if (dto.regionCode) {
        const region = await this.regions.forRecord(dto.regionCode, 'regionCode', tx);
        if ('field' in region) errors.push(region);
        else regionId = region.id;
      }
      if (dto.endsOn && dto.endsOn < dto.startsOn)
        errors.push({ field: 'endsOn', message: 'must not be before startsOn' });
      if (errors.length) throw new InvalidFieldsException(errors);
      const values = {
        memberId: dto.memberId,
        regionId,
        role: dto.role.trim(),
        startsOn: dto.startsOn,
        endsOn: dto.endsOn ?? null,
      };
      // The same post twice would count the member twice as the region's representative.
      if (await this.posts.findOverlapping(tx, values))
        throw conflictOn(
          'role',
          `is a post the member already holds ${regionId ? 'for this region' : 'in the hub'} over these dates`,
        );
      const post = await this.posts.insert(tx, values);
      await this.audit.record(tx, actor, { entity: 'post', entityId: post.id, action: 'create', after: post });
      return withCurrent((await this.posts.getView(post.id, tx))!, todayInLondon(this.clock.now()));
    });
  }

  /** Changes a post or ends it: an end date of today takes the member off the live directory at once. */
  async update(id: string, dto: UpdatePostDto, actor: Actor): Promise<PostView> {
    return this.db.transaction(async (tx) => {
      const before = await this.posts.getById(id, tx);
      if (!before) throw new NotFoundException('No such post');
      const startsOn = dto.startsOn ?? before.startsOn;
      const endsOn = dto.endsOn === undefined ? before.endsOn : dto.endsOn;
      if (endsOn && endsOn < startsOn) throw invalidField('endsOn', 'must not be before startsOn');
      // PostChanges writes it, and audits it as ended when it gains an end date.
      await this.changes.change(
        tx,
        before,
        {
          ...(dto.role ? { role: dto.role.trim() } : {}),
          ...(dto.startsOn ? { startsOn } : {}),
          ...(dto.endsOn !== undefined ? { endsOn } : {}),
        },
        actor,
      );
      return withCurrent((await this.posts.getView(id, tx))!, todayInLondon(this.clock.now()));
    });
  }
}

function withCurrent(post: PostListing, today: string): PostView {
  return { ...post, current: postIsCurrent(post, today) };
}

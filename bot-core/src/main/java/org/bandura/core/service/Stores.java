package org.bandura.core.service;

import org.bandura.core.persistence.AnswerRepository;
import org.bandura.core.persistence.BadgeRepository;
import org.bandura.core.persistence.CommentRepository;
import org.bandura.core.persistence.MemberRepository;
import org.bandura.core.persistence.ProcessedEvents;
import org.bandura.core.persistence.QuestionRepository;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.SearchChanges;
import org.bandura.core.persistence.TagRepository;
import org.bandura.core.persistence.VoteRepository;
import org.bandura.core.persistence.WorkspaceRepository;

/** The repositories, built once by the core and shared by its services (they hold no state). */
record Stores(WorkspaceRepository workspaces, MemberRepository members, TagRepository tags,
              QuestionRepository questions, AnswerRepository answers, VoteRepository votes,
              ReputationLedger ledger, BadgeRepository badges, ProcessedEvents events, CommentRepository comments,
              SearchChanges searchChanges) {

    static Stores create() {
        return new Stores(new WorkspaceRepository(), new MemberRepository(), new TagRepository(),
                new QuestionRepository(), new AnswerRepository(), new VoteRepository(), new ReputationLedger(),
                new BadgeRepository(), new ProcessedEvents(), new CommentRepository(),
                new SearchChanges());
    }
}

package org.careloop.engine.channels.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox CareLoop reads over IMAP (the bounce mailbox, the replies mailbox): its unread messages, a batch at a
 * time. What the reader is done with is removed; what it leaves is marked read, for a person; what it could not take
 * just now (the database away) stays unread and is read again at the next poll. Several nodes may read one mailbox:
 * the readers make their work idempotent.
 */
final class ImapMailbox {

    private static final Logger log = LoggerFactory.getLogger(ImapMailbox.class);

    /** What became of one message. */
    enum Read {
        /** Taken: removed from the mailbox. */
        DONE,
        /** Not for this reader: left in the mailbox, marked read. */
        LEFT
    }

    /** Reads one message; a runtime exception leaves it (and the rest of the batch) unread for the next poll. */
    interface Reader {
        Read read(Message message) throws IOException, MessagingException;
    }

    private ImapMailbox() {}

    /** Reads the mailbox if it is set, as a scheduled task: a mailbox that cannot be reached is tried next time. */
    static void poll(org.careloop.engine.config.ImapSettings settings, String name, MailboxPoll poll) {
        if (!settings.enabled()) {
            return;
        }
        try {
            poll.run();
        } catch (MessagingException e) {
            log.warn("The {} mailbox could not be read: {}", name, e.getClass().getSimpleName());
        }
    }

    /** One reading of a mailbox. */
    interface MailboxPoll {
        void run() throws MessagingException;
    }

    /** Reads up to {@code batch} unread messages of the mailbox; returns how many were taken. */
    static int readUnread(org.careloop.engine.config.ImapSettings mailbox, int batch, Reader reader)
            throws MessagingException {
        Properties session = new Properties();
        String protocol = mailbox.ssl() ? "imaps" : "imap";
        session.put("mail.store.protocol", protocol);
        session.put("mail." + protocol + ".connectiontimeout", "10000");
        session.put("mail." + protocol + ".timeout", "20000");
        int taken = 0;
        try (Store store = Session.getInstance(session).getStore(protocol)) {
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
            Folder inbox = store.getFolder(mailbox.folder());
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < Math.min(unread.length, batch); i++) {
                    Message message = unread[i];
                    Read read;
                    try {
                        read = reader.read(message);
                    } catch (IOException | MessagingException unreadable) {
                        log.warn("A message in mailbox {} could not be read; left there, read", mailbox.folder());
                        read = Read.LEFT;
                    } catch (RuntimeException failed) {
                        // reading the body marked it read: unread again, to be taken at the next poll
                        message.setFlag(Flags.Flag.SEEN, false);
                        throw failed;
                    }
                    if (read == Read.DONE) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        taken++;
                    } else {
                        message.setFlag(Flags.Flag.SEEN, true);
                    }
                }
            } finally {
                inbox.close(true);
            }
        }
        return taken;
    }
}

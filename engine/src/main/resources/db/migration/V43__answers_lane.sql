-- Answers to what a patient wrote get a lane of their own (ANSWERS): the ones still waiting move there from the
-- replies lane, where they queued behind other patients' replies being read.
update outbox_event set lane = 'ANSWERS' where kind = 'sms-send-answer' and status in ('PENDING', 'PROCESSING');
